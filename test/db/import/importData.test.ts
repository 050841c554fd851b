import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../db/audit/verifyAuditChain.js";
import type { OpenedDatabase } from "../../../db/connection.js";
import { importData, parseImportFile } from "../../../db/import/importData.js";
import { checkLedger } from "../../../db/ledger/checkLedger.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { getInvoice } from "../../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { findClientByRef } from "../../../db/repositories/clients.js";
import { billedScheduleItems, events, numberingSeries, reminders } from "../../../db/schema/index.js";
import { InputError, RuleError, NotFoundError } from "../../../engine/errors.js";
import { formatEuros } from "../../../engine/money/formatEuros.js";
import { Decimal } from "../../../engine/money/money.js";
import { testBackends } from "../backends.js";
import { databaseState, ledgerTotals } from "./databaseState.js";
import { sampleImport } from "./sampleImport.js";

type Sample = ReturnType<typeof sampleImport>;

async function expectRefused(h: OpenedDatabase, file: unknown, kind: typeof InputError | typeof RuleError | typeof NotFoundError, message: string) {
  const before = await databaseState(h.db);
  const error = await importData(h.db, file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(kind);
  expect((error as Error).message).toBe(message);
  expect(await databaseState(h.db)).toEqual(before);
}

describe("parseImportFile", () => {
  it("refuses a file of another format, naming the member", () => {
    expect(() => parseImportFile({ format: "facturation-scenario/1" })).toThrow("format : doit valoir « facturation-import/1 »");
  });

  it("refuses a bad SIREN naming the client and the field", () => {
    const file = sampleImport();
    file.clients[1] = { ...file.clients[1]!, siren: "50246633" };
    expect(() => parseImportFile(file)).toThrow("clients[1].siren : doit contenir 9 chiffres");
  });

  it("refuses a SIREN whose check digit is wrong", () => {
    const file = sampleImport();
    file.clients[0] = { ...file.clients[0]!, siren: "552100555" };
    expect(() => parseImportFile(file)).toThrow("clients[0].siren : numéro SIREN invalide (clé de contrôle)");
  });

  it("refuses an amount written as a JSON number", () => {
    const file = sampleImport() as unknown as { history: { payments: { amount: unknown }[] } };
    file.history.payments[0]!.amount = 3600;
    expect(() => parseImportFile(file)).toThrow("history.payments[0].amount : doit être un nombre décimal écrit en texte");
  });

  it("refuses the same client ref twice", () => {
    const file = sampleImport();
    file.clients.push({ ...file.clients[0]! });
    expect(() => parseImportFile(file)).toThrow("clients[2].ref : référence client « acme » en double dans le fichier");
  });

  it("refuses a schedule item with an invalid percent, naming its path", () => {
    const file = sampleImport() as unknown as { projects: { contracts: { schedule: { bill: { percent: string } }[] }[] }[] };
    file.projects[0]!.contracts[0]!.schedule[1]!.bill.percent = "170";
    expect(() => parseImportFile(file)).toThrow("projects[0].contracts[0].schedule[1].bill.percent : doit être compris entre 0 et 100");
  });
});

describe.each(testBackends())("importData — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("settles the invoice an imported credit note corrects in full: credited when nothing was paid, ledger clean", async () => {
    const file = sampleImport() as Sample;
    const history = file.history;
    const credit = history?.invoices?.find((i) => i.number === "AV-2026-0001");
    if (!history || !credit) throw new Error("sample without AV-2026-0001");
    Object.assign(credit, { lines: [{ label: "Annulation de janvier", unitPrice: "-3250.00" }] });
    history.payments = (history.payments ?? []).filter((p) => p.ref !== "VIR-0325");
    await importData(h.db, file, { source: "sample.json" });
    const regie = await getInvoice(h.db, "F-2026-0002");
    expect(regie.invoice.status).toBe("credited");
    const note = await getInvoice(h.db, "AV-2026-0001");
    expect(note.invoice.amountDue.toFixed(2)).toBe("-3900.00");
    expect((await checkLedger(h.db)).ok).toBe(true);
  });

  it("stores clients, projects, events and the history with amounts to the cent", async () => {
    const result = await importData(h.db, sampleImport(), { source: "sample.json" });
    expect(result.changed).toBe(true);
    expect(result.counts.clients).toEqual({ created: 2, unchanged: 0 });
    expect(result.counts.projects).toEqual({ created: 2, unchanged: 0 });
    expect(result.counts.events).toEqual({ created: 5, unchanged: 0 });
    expect(result.counts.invoices).toEqual({ created: 4, unchanged: 0 });
    expect(result.counts.payments).toEqual({ created: 2, unchanged: 0 });
    expect(result.counts.reminders).toEqual({ created: 1, unchanged: 0 });

    const deposit = await getInvoice(h.db, "F-2026-0001");
    expect([deposit.invoice.kind, deposit.invoice.status, deposit.invoice.amountDue.toFixed(2), deposit.invoice.amountPaid.toFixed(2)]).toEqual(["deposit", "paid", "3600.00", "3600.00"]);
    expect(deposit.invoice.dueDate).toBe("2026-02-09");
    expect(deposit.invoice.sellerSnapshot?.legalName).toBe("Atelier Lumen SAS");
    expect(deposit.invoice.sellerSnapshot?.iban).toBe("FR7630006000011234567890189");

    const regie = await getInvoice(h.db, "F-2026-0002");
    expect([regie.invoice.netAmount.toFixed(2), regie.invoice.vatAmount.toFixed(2), regie.invoice.amountDue.toFixed(2)]).toEqual(["3250.00", "650.00", "3900.00"]);
    expect(regie.invoice.status).toBe("partially_paid");
    expect(regie.lines[0]?.unitCode).toBe("DAY");

    const final = await getInvoice(h.db, "F-2026-0003");
    expect(final.lines.map((l) => l.net.toFixed(2))).toEqual(["7000.00", "-3000.00"]);
    expect(final.lines[1]?.deductsInvoiceId).toBe(deposit.invoice.id);
    expect([final.invoice.netAmount.toFixed(2), final.invoice.vatAmount.toFixed(2), final.invoice.amountDue.toFixed(2)]).toEqual(["4000.00", "800.00", "4800.00"]);
    expect(final.invoice.status).toBe("sent");
    expect(final.reminders.map((r) => [r.level, r.remindedOn, r.recipient])).toEqual([[1, "2026-04-22", "compta@acme.example"]]);

    const credit = await getInvoice(h.db, "AV-2026-0001");
    expect([credit.invoice.kind, credit.invoice.amountDue.toFixed(2), credit.invoice.correctsInvoiceId]).toEqual(["credit_note", "-390.00", regie.invoice.id]);

    const billed = await h.db.select().from(billedScheduleItems).orderBy(asc(billedScheduleItems.itemIndex));
    expect(billed.map((b) => [b.itemIndex, b.invoiceId])).toEqual([
      [0, deposit.invoice.id],
      [1, final.invoice.id],
    ]);
    const work = await h.db.select().from(events).where(eq(events.type, "action")).orderBy(asc(events.occurredOn));
    expect(work.map((e) => [e.occurredOn, e.quantity, e.billedInvoiceId])).toEqual([
      ["2026-01-12", "3.0000", regie.invoice.id],
      ["2026-01-26", "2.0000", regie.invoice.id],
      ["2026-02-09", "1.5000", null],
    ]);
  });

  it("posts balanced ledger entries: 411 holds what is left to collect", async () => {
    await importData(h.db, sampleImport());
    const totals = await ledgerTotals(h.db, "411");
    expect(new Decimal(totals.debit).equals(new Decimal(totals.credit))).toBe(true);
    // 3600 + 3900 + 4800 − 390 invoiced, 3600 + 1000 collected.
    expect(new Decimal(totals.balance).toFixed(2)).toBe("7310.00");
    expect(new Decimal((await ledgerTotals(h.db, "4191")).balance).toFixed(2)).toBe("0.00");
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
    expect((await checkLedger(h.db)).problems).toEqual([]);
  });

  it("moves the numbering series past the imported numbers, so the next issue follows them", async () => {
    await importData(h.db, sampleImport());
    const series = await h.db.select().from(numberingSeries).orderBy(asc(numberingSeries.id));
    expect(series.map((s) => [s.id, s.period, s.lastValue, s.lastNumber, s.lastIssueDate])).toEqual([
      ["AV", "2026", 1, "AV-2026-0001", "2026-03-20"],
      ["F", "2026", 3, "F-2026-0003", "2026-03-15"],
    ]);
    const client = await findClientByRef(h.db, "acme");
    const { invoice: draft } = await createDraftInvoice(h.db, {
      kind: "invoice",
      clientId: client!.id,
      issueDate: "2026-04-01",
      lines: [{ label: "Maintenance", quantity: new Decimal(1), unitPrice: new Decimal("200.00"), net: new Decimal("200.00"), vatRate: "20" }],
      createdBy: "test",
    });
    const { invoice } = await issueInvoice(h.db, { invoiceId: draft.id, actor: "test", channel: "test" });
    expect(invoice.number).toBe("F-2026-0004");
  });

  it("changes nothing when the same file is imported twice", async () => {
    await importData(h.db, sampleImport());
    const before = await databaseState(h.db);
    const again = await importData(h.db, sampleImport());
    expect(again.changed).toBe(false);
    expect(again.counts.invoices).toEqual({ created: 0, unchanged: 4 });
    expect(again.counts.events).toEqual({ created: 0, unchanged: 5 });
    expect(again.counts.payments).toEqual({ created: 0, unchanged: 2 });
    expect(await databaseState(h.db)).toEqual(before);
  });

  it("adds only what is new on a second file sharing records with the first", async () => {
    await importData(h.db, sampleImport());
    const second = sampleImport();
    second.events = [...(second.events ?? []), { project: "nexa-regie", date: "2026-02-16", type: "action", name: "Développement", quantity: "2" }];
    const result = await importData(h.db, second);
    expect(result.counts.events).toEqual({ created: 1, unchanged: 5 });
  });

  it("refuses a client whose ref exists with other values, naming record and field; nothing changes", async () => {
    await importData(h.db, sampleImport());
    const file: Sample = sampleImport();
    file.clients[0] = { ...file.clients[0]!, name: "Acme Industrie SA" };
    await expectRefused(h, file, RuleError, "clients[0].name : le client « acme » existe déjà avec une autre valeur (« Acme Industries » en base, « Acme Industrie SA » dans le fichier)");
  });

  it("refuses an invoice number that exists with other amounts", async () => {
    await importData(h.db, sampleImport());
    const file = sampleImport();
    file.history!.invoices![1]!.lines[0]!.quantity = "6";
    await expectRefused(h, file, RuleError, "history.invoices[1].netAmount : la facture « F-2026-0002 » existe déjà avec une autre valeur (« 3250.00 » en base, « 3900.00 » dans le fichier)");
  });

  it("refuses stated totals that the lines do not give, and leaves an empty database empty", async () => {
    const file = sampleImport();
    file.history!.invoices![0]!.amountDue = "3500.00";
    await expectRefused(h, file, InputError, "history.invoices[0].amountDue : ne correspond pas aux lignes (3500.00 indiqué, 3600.00 calculé : TVA une fois par taux, au centime)");
  });

  it("refuses an allocation above what is left on the invoice (credit notes deducted)", async () => {
    const file = sampleImport();
    file.history!.payments![1] = { ref: "VIR-0325", client: "nexa", date: "2026-03-25", amount: "3600.00", allocations: [{ invoice: "F-2026-0002", amount: "3600.00" }] };
    await expectRefused(h, file, RuleError, `history.payments[1].allocations[0].amount : dépasse le reste dû de la facture F-2026-0002 (${formatEuros(new Decimal("3510.00"))})`);
  });

  it("refuses an event for a contract the file and the database do not know", async () => {
    const file = sampleImport();
    file.events!.push({ contract: "inconnu", date: "2026-02-01", type: "start" });
    await expectRefused(h, file, NotFoundError, "events[5].contract : contrat « inconnu » introuvable (ni dans le fichier ni en base)");
  });

  it("refuses an action a per_action price list does not know, through the engine's own check", async () => {
    const file = sampleImport();
    file.projects!.push({
      ref: "dupont",
      client: "nexa",
      name: "Bilan Dupont",
      contracts: [{ name: "Bilan", pricing: { type: "per_action", actions: [{ name: "Entretien", price: "75.00", unit: "hour" }] }, schedule: [{ bill: { realized: "detailed" }, trigger: { on: "end_of_month" } }] }],
    });
    file.events!.push({ project: "dupont", date: "2026-02-01", type: "action", name: "Atelier", quantity: "2" });
    await expectRefused(h, file, InputError, "events[5].name : action inconnue de la liste de prix (« Atelier »)");
  });

  it("refuses a milestone billed twice", async () => {
    const file = sampleImport();
    file.history!.invoices!.push({ number: "F-2026-0004", kind: "deposit", client: "acme", contract: "refonte", issueDate: "2026-03-30", lines: [{ label: "Acompte bis", unitPrice: "3000.00", item: 0 }] });
    await expectRefused(h, file, RuleError, "history.invoices[4].lines[0].item : l'échéance 0 du contrat « refonte » est déjà facturée (F-2026-0001)");
  });

  it("refuses a payment for another client's invoice", async () => {
    const file = sampleImport();
    file.history!.payments![0] = { ref: "VIR-0120", client: "nexa", date: "2026-01-20", amount: "3600.00", allocations: [{ invoice: "F-2026-0001", amount: "3600.00" }] };
    await expectRefused(h, file, RuleError, "history.payments[0].allocations[0].invoice : la facture « F-2026-0001 » est celle d'un autre client");
  });

  it("keeps reminders once: a reminder of the same invoice, level and date is not added again", async () => {
    await importData(h.db, sampleImport());
    await importData(h.db, sampleImport());
    expect(await h.db.select().from(reminders)).toHaveLength(1);
  });
});
