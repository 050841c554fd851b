import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import { emittedMessages } from "../../../db/einvoicing/collectionMessages.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { findInvoice } from "../../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { recordPayment } from "../../../db/repositories/recordPayment.js";
import { ledgerEntries, ledgerLines, lifecycleStatuses, paDepositAttempts } from "../../../db/schema/index.js";
import { readCdarXml } from "../../../engine/einvoice/lifecycle/readCdarXml.js";
import { Decimal, sum } from "../../../engine/money/money.js";
import { depositTransmissions } from "../../../tools/einvoicing/depositTransmissions.js";
import { directoryClient } from "../../../tools/einvoicing/directoryClient.js";
import { flowServiceClient } from "../../../tools/einvoicing/flowServiceClient.js";
import type { PlatformDeps } from "../../../tools/einvoicing/platformDeps.js";
import { syncLifecycleStatuses } from "../../../tools/einvoicing/syncLifecycleStatuses.js";
import { testBackends } from "../../db/backends.js";
import { issueSimple, line, seedBasics } from "../../db/fixtures.js";
import { cdarXsdErrors, writeCdarOutput } from "../../engine/einvoice/lifecycle/cdarTestKit.js";
import { type FakePlatform, startFakePlatform } from "./fakePlatform.js";

describe.each(testBackends())("Plateforme Agréée — $name", (backend) => {
  let h: OpenedDatabase;
  let pa: FakePlatform;
  let clock: Date;
  let logs: string[];
  let deps: PlatformDeps;

  beforeEach(async () => {
    h = await backend.fresh();
    pa = await startFakePlatform();
    clock = new Date("2026-11-20T09:00:00Z");
    logs = [];
    deps = {
      db: h.db,
      flows: flowServiceClient({ baseUrl: pa.url, token: pa.token, timeoutMs: 2_000 }),
      directory: directoryClient({ baseUrl: pa.directoryUrl, token: pa.token }),
      now: () => clock,
      actor: "test",
      channel: "cli",
      log: (l) => logs.push(l),
    };
  });
  afterEach(async () => {
    expect(pa.invalidRequests).toEqual([]);
    expect(logs.join("\n")).not.toContain(pa.token);
    await pa.close();
    await h.close();
  });

  async function attemptsOf(invoiceNumber: string) {
    const invoice = await findInvoice(h.db, invoiceNumber);
    return h.db
      .select({ outcome: paDepositAttempts.outcome, flowId: paDepositAttempts.flowId, sha256: paDepositAttempts.sha256 })
      .from(paDepositAttempts)
      .innerJoin(
        (await import("../../../db/schema/transmissions.js")).paTransmissions,
        eq((await import("../../../db/schema/transmissions.js")).paTransmissions.id, paDepositAttempts.transmissionId),
      )
      .where(eq((await import("../../../db/schema/transmissions.js")).paTransmissions.invoiceId, invoice?.id ?? -1))
      .orderBy(asc(paDepositAttempts.id));
  }

  it("deposits an issued invoice once: Factur-X PDF, tracking id = its number, sha256 checked, B2B; the invoice becomes « envoyée »", async () => {
    const { client } = await seedBasics(h.db);
    pa.directory.set(client.siren ?? "", `${client.siren}_FACTURES`);
    const invoice = await issueSimple(h.db, client.id, "2026-11-19", "1500.00");
    const report = await depositTransmissions(deps);
    expect(report.lines.map((l) => [l.trackingId, l.outcome])).toEqual([[invoice.number, "deposited"]]);
    expect(pa.flows).toHaveLength(1);
    const flow = pa.flows[0];
    expect(flow).toMatchObject({ trackingId: invoice.number, flowSyntax: "Factur-X", flowProfile: "CIUS", processingRule: "B2B", contentType: "application/pdf" });
    expect(flow?.file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const [attempt] = await attemptsOf(invoice.number ?? "");
    expect(attempt).toEqual({ outcome: "deposited", flowId: flow?.flowId, sha256: createHash("sha256").update(flow?.file ?? "").digest("hex") });
    const after = await findInvoice(h.db, invoice.id);
    expect(after).toMatchObject({ status: "sent", sentChannel: "pa" });
    expect(after?.sentAt?.toISOString()).toBe(clock.toISOString());
    // The directory's address is stored on the client for the next invoices.
    const { getClient } = await import("../../../db/repositories/clients.js");
    expect((await getClient(h.db, client.id)).electronicAddress).toEqual({ scheme: "0225", value: `${client.siren}_FACTURES` });
    // Nothing left to deposit: a second run sends nothing.
    expect((await depositTransmissions(deps)).lines).toEqual([]);
    expect(pa.deposits).toHaveLength(1);
  });

  it("an unknown buyer in the directory is a French warning, and the invoice is still deposited", async () => {
    const { client } = await seedBasics(h.db);
    await issueSimple(h.db, client.id, "2026-11-19");
    const report = await depositTransmissions(deps);
    expect(report.warnings).toEqual([expect.stringContaining("introuvable dans l'annuaire")]);
    expect(report.lines.map((l) => l.outcome)).toEqual(["deposited"]);
  });

  it("retries a network failure and a 503 with backoff, and deposits exactly once", async () => {
    const { client } = await seedBasics(h.db);
    const invoice = await issueSimple(h.db, client.id, "2026-11-19");
    pa.failNextDeposits("network");
    pa.failNextDeposits(503);
    const first = await depositTransmissions(deps);
    expect(first.lines.map((l) => l.outcome)).toEqual(["failed"]);
    expect(first.lines[0]?.retryAt).toBe(new Date(clock.getTime() + 30_000).toISOString());
    // Before the backoff: the background loop leaves it alone.
    expect((await depositTransmissions(deps)).lines).toEqual([]);
    clock = new Date(clock.getTime() + 30_000);
    const second = await depositTransmissions(deps);
    expect(second.lines.map((l) => [l.outcome, l.retryAt])).toEqual([["failed", new Date(clock.getTime() + 60_000).toISOString()]]);
    clock = new Date(clock.getTime() + 60_000);
    expect((await depositTransmissions(deps)).lines.map((l) => l.outcome)).toEqual(["deposited"]);
    expect((await attemptsOf(invoice.number ?? "")).map((a) => a.outcome)).toEqual(["failed", "failed", "deposited"]);
    expect(pa.flows.filter((f) => f.trackingId === invoice.number)).toHaveLength(1);
  });

  it("takes AlreadyExistingFlow as a deposit, not an error, when the first answer was lost", async () => {
    const { client } = await seedBasics(h.db);
    const invoice = await issueSimple(h.db, client.id, "2026-11-19");
    pa.swallowNextDeposit();
    expect((await depositTransmissions(deps)).lines.map((l) => l.outcome)).toEqual(["failed"]);
    const again = await depositTransmissions({ ...deps }, { ignoreBackoff: true });
    expect(again.lines.map((l) => [l.outcome, l.flowId])).toEqual([["already_deposited", pa.flows[0]?.flowId]]);
    expect(pa.flows).toHaveLength(1);
    expect(pa.deposits.map((d) => d.answered)).toEqual([0, 422]);
    expect((await findInvoice(h.db, invoice.id))?.status).toBe("sent");
  });

  it("brings statuses back once each, with their effects: 213 flagged with its reason, 210 disputed and a credit note proposed, 207 disputed, 211 shown", async () => {
    const { client } = await seedBasics(h.db);
    const a = await issueSimple(h.db, client.id, "2026-11-16");
    const b = await issueSimple(h.db, client.id, "2026-11-17");
    const c = await issueSimple(h.db, client.id, "2026-11-18");
    const d = await issueSimple(h.db, client.id, "2026-11-19");
    await depositTransmissions(deps);
    pa.acknowledge(a.number ?? "", "Error", [{ level: "Error", item: "BT-47", reasonCode: "InvalidSchema", reasonMessage: "SIREN de l'acheteur absent" }]);
    pa.acknowledge(b.number ?? "", "Ok");
    pa.pushStatus(b.number ?? "", "210", { reasonCode: "TX_TVA_ERR", reason: "Taux de TVA erroné" });
    pa.pushStatus(c.number ?? "", "207", { reason: "Montant contesté" });
    pa.pushStatus(d.number ?? "", "211");
    const refused: [string, string][] = [];
    const report = await syncLifecycleStatuses(deps, { onRefused: async (n, r) => void refused.push([n, r]) });
    expect(report.warnings).toEqual([]);
    expect(report.statuses.map((s) => [s.invoiceNumber, s.statusCode, s.effect])).toEqual([
      [a.number, "213", "rejected"],
      [b.number, "200", "informative"],
      [b.number, "210", "refused"],
      [c.number, "207", "disputed"],
      [d.number, "211", "payment_sent"],
    ]);
    expect(report.statuses[0]?.reason).toBe("SIREN de l'acheteur absent (BT-47)");
    expect(refused).toEqual([[b.number, "Taux de TVA erroné"]]);
    expect(await findInvoice(h.db, b.id)).toMatchObject({ disputed: true, disputeReason: "Refusée par le client (210) : Taux de TVA erroné — TX_TVA_ERR" });
    expect(await findInvoice(h.db, c.id)).toMatchObject({ disputed: true });
    expect(await findInvoice(h.db, d.id)).toMatchObject({ disputed: false, amountPaid: new Decimal(0) });
    const stored = await h.db.select().from(lifecycleStatuses).orderBy(asc(lifecycleStatuses.id));
    expect(stored).toHaveLength(5);
    // Again: nothing new, nothing changed.
    const again = await syncLifecycleStatuses(deps, { onRefused: async (n, r) => void refused.push([n, r]) });
    expect(again.statuses).toEqual([]);
    expect(refused).toHaveLength(1);
    expect(await h.db.select().from(lifecycleStatuses)).toHaveLength(5);
  });

  it("emits a 212 per collection on a multi-rate invoice, amounts per rate to the cent against the ledger, credit note netted, deposited after the invoice", async () => {
    const { client } = await seedBasics(h.db);
    const { invoice: draft } = await createDraftInvoice(h.db, {
      kind: "invoice",
      clientId: client.id,
      issueDate: "2026-11-02",
      lines: [line("1000.00"), line("500.00", { vatRate: "10", label: "Travaux" }), line("200.00", { vatRate: "5.5", label: "Rénovation" })],
      createdBy: "test",
    });
    const invoice = (await issueInvoice(h.db, { invoiceId: draft.id, actor: "test", channel: "test" })).invoice;
    expect(invoice.amountDue.toFixed(2)).toBe("1961.00");
    const { invoice: cnDraft } = await createDraftInvoice(h.db, {
      kind: "credit_note",
      clientId: client.id,
      issueDate: "2026-11-05",
      correctsInvoiceId: invoice.id,
      correctionReason: "Remise",
      lines: [line("-100.00", { label: "Remise" })],
      createdBy: "test",
    });
    await issueInvoice(h.db, { invoiceId: cnDraft.id, actor: "test", channel: "test" });
    const pay = (amount: string, date: string) =>
      recordPayment(h.db, { clientId: client.id, amount: new Decimal(amount), receivedOn: date, method: "transfer", allocations: [{ invoiceId: invoice.id, amount: new Decimal(amount) }], actor: "test", channel: "test" });
    const partial = await pay("700.00", "2026-11-10");
    const rest = await pay("1141.00", "2026-11-18");
    const report = await depositTransmissions(deps);
    const order = report.lines.map((l) => [l.trackingId, l.flowSyntax, l.outcome]);
    expect(order).toEqual([
      [invoice.number, "Factur-X", "deposited"],
      [expect.stringMatching(/^AV-/), "Factur-X", "deposited"],
      [`${invoice.number}-212-1`, "CDAR", "deposited"],
      [`${invoice.number}-212-2`, "CDAR", "deposited"],
    ]);
    const messages = await emittedMessages(h.db, [invoice.id]);
    expect(messages.map((m) => m.paymentId)).toEqual([partial.paymentId, rest.paymentId]);
    for (const m of messages) {
      // The ledger: what 411 received and what moved to 44571 for this invoice in this payment's entry.
      const lines = await h.db
        .select({ account: ledgerLines.account, debit: ledgerLines.debit, credit: ledgerLines.credit })
        .from(ledgerLines)
        .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
        .where(and(eq(ledgerEntries.paymentId, m.paymentId), eq(ledgerLines.invoiceId, invoice.id)));
      const side = (account: string) => sum(lines.filter((l) => l.account === account).map((l) => new Decimal(l.credit).minus(l.debit)));
      expect(sum(m.amounts.map((a) => new Decimal(a.amount))).toFixed(2)).toBe(side("411").toFixed(2));
      expect(sum(m.amounts.map((a) => new Decimal(a.vat))).toFixed(2)).toBe(side("44571").toFixed(2));
      expect(await cdarXsdErrors(m.xml)).toEqual([]);
      writeCdarOutput(`${backend.name}-${m.documentId}.xml`, m.xml);
      const read = readCdarXml(m.xml);
      expect(read.amounts.map((a) => [a.rate, a.amount.toFixed(2)])).toEqual(m.amounts.map((a) => [a.rate, a.amount]));
    }
    // 700 € over what is left per rate after the credit note (1 080 / 550 / 211 of 1 841): 410.65 + 209.12 + 80.23.
    expect(messages[0]?.amounts).toEqual([
      { rate: "20", amount: "410.65", vat: "68.44" },
      { rate: "10", amount: "209.12", vat: "19.01" },
      { rate: "5.5", amount: "80.23", vat: "4.18" },
    ]);
    // Settled: per rate, the two 212 add up to the invoice less its credit note (−120 € TTC at 20 %).
    const total = (rate: string) => sum(messages.flatMap((m) => m.amounts).filter((a) => a.rate === rate).map((a) => new Decimal(a.amount))).toFixed(2);
    expect([total("20"), total("10"), total("5.5")]).toEqual(["1080.00", "550.00", "211.00"]);
    expect(messages[0]?.collectedOn).toBe("2026-11-10");
    // The deposited file is the stored XML, byte for byte.
    const deposited = pa.flows.find((f) => f.trackingId === `${invoice.number}-212-1`);
    expect(deposited?.file.toString("utf8")).toBe(messages[0]?.xml);
    expect(deposited?.contentType).toBe("application/xml");
  });
});
