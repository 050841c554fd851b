import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../db/audit/verifyAuditChain.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { listInvoices } from "../../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { auditLog, invoiceLines, invoices, ledgerEntries, ledgerLines, pendingActions } from "../../../db/schema/index.js";
import { localDesk } from "../../../tools/confirmation/pendingActionDesk.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { issueCreditNoteTool } from "../../../tools/preparation/issueCreditNote.js";
import { line, seedBasics } from "../../db/fixtures.js";
import { FINANCE, startHarness, type Harness } from "../harness.js";

/** An issued invoice F-2026-00001: 1 500,00 + 500,00 HT at 20 % (2 400,00 TTC). */
async function seedIssued(h: Harness) {
  const { client } = await seedBasics(h.opened.db);
  const { invoice } = await createDraftInvoice(h.opened.db, {
    kind: "invoice",
    clientId: client.id,
    issueDate: "2026-03-10",
    lines: [line("1500.00", { label: "Maquettes" }), line("500.00", { label: "Atelier" })],
    createdBy: "claire",
  });
  await issueInvoice(h.opened.db, { invoiceId: invoice.id, actor: "claire", channel: "test" });
  return invoice.id;
}

const accept = () => ({ action: "accept" as const, content: { confirmer: true } });
const textOf = (r: unknown) => {
  const first = CallToolResultSchema.parse(r).content[0];
  return first?.type === "text" ? first.text : "";
};

async function creditNotes(h: Harness) {
  return (await listInvoices(h.opened.db, { kind: ["credit_note"] })).map((i) => [i.number, i.status, i.netAmount.toString(), i.amountDue.toString(), i.correctsInvoiceId, i.correctionReason]);
}

describe("issue_credit_note", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("issues a total credit note after acceptance: AV number, reversed ledger entry, audit, the invoice's outstanding down to zero", async () => {
    h = await startHarness({ tools: [issueCreditNoteTool], elicitation: accept });
    const invoiceId = await seedIssued(h);
    const r = await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001", reason: "Commande annulée par le client" } });
    const out = ProposalResultSchema.parse(r.structuredContent);
    expect(out.status).toBe("executed");
    expect(out.preview.series).toBe("AV");
    expect(out.preview.totals).toEqual({ net: "-2000.00", vat: "-400.00", gross: "-2400.00" });
    expect(out.result).toMatchObject({ number: "AV-2026-00001", amountDue: "-2400.00", invoiceNumber: "F-2026-00001", invoiceOutstanding: "0.00", invoiceStatus: "credited", clientCredit: "0.00" });
    expect(await creditNotes(h)).toEqual([["AV-2026-00001", "issued", "-2000", "-2400", invoiceId, "Commande annulée par le client"]]);
    const lines = await h.opened.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, Number(out.result?.creditNoteId)));
    expect(lines.map((l) => [l.label, l.net])).toEqual([
      ["Annulation : Maquettes", "-1500.00"],
      ["Annulation : Atelier", "-500.00"],
    ]);
    const entries = await h.opened.db.select().from(ledgerEntries);
    expect(entries).toHaveLength(2);
    const reversal = await h.opened.db.select().from(ledgerLines).where(eq(ledgerLines.entryId, entries[1]!.id));
    expect(reversal.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([
      ["411", "0.00", "2400.00"],
      ["44574", "400.00", "0.00"],
      ["706", "2000.00", "0.00"],
    ]);
    const audit = (await h.opened.db.select().from(auditLog).orderBy(auditLog.seq)).map((a) => a.action);
    expect(audit).toEqual(["invoice_issued", "action_proposed", "invoice_issued", "action_executed"]);
    expect(await verifyAuditChain(h.opened.db)).toMatchObject({ ok: true });
  });

  it("credits part of an amount HT and refuses more than what remains creditable, naming the field", async () => {
    h = await startHarness({ tools: [issueCreditNoteTool], elicitation: accept });
    await seedIssued(h);
    const first = ProposalResultSchema.parse(
      (await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001", reason: "Geste commercial", amount: "300.00" } })).structuredContent,
    );
    expect(first.result).toMatchObject({ number: "AV-2026-00001", amountDue: "-360.00", invoiceOutstanding: "2040.00" });
    const tooMuch = await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001", reason: "Geste commercial", amount: "1700.01" } });
    expect(tooMuch.isError).toBe(true);
    expect(textOf(tooMuch)).toBe("amount : dépasse le montant encore créditable de la facture F-2026-00001 (1\u202f700,00\u00a0€ HT)");
    const total = await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001", reason: "Annulation" } });
    expect(textOf(total)).toMatch(/^amount : la facture F-2026-00001 est déjà en partie créditée : indiquez le montant à créditer \(au plus 1\u202f700,00\u00a0€ HT\)/);
    expect(await creditNotes(h)).toHaveLength(1);
    expect(await h.opened.db.select().from(pendingActions)).toHaveLength(1);
  });

  it("credits chosen lines, whole or in part", async () => {
    h = await startHarness({ tools: [issueCreditNoteTool], elicitation: accept });
    await seedIssued(h);
    const out = ProposalResultSchema.parse(
      (
        await h.client.callTool({
          name: "issue_credit_note",
          arguments: { invoice: "F-2026-00001", reason: "Atelier non tenu, maquettes en partie", lines: [{ line: 1 }, { line: 0, amount: "100.00" }] },
        })
      ).structuredContent,
    );
    expect(out.preview.lines.map((l) => [l.label, l.net])).toEqual([
      ["Avoir sur « Atelier »", "-500.00"],
      ["Avoir partiel sur « Maquettes »", "-100.00"],
    ]);
    expect(out.result).toMatchObject({ amountDue: "-720.00", invoiceOutstanding: "1680.00" });
  });

  it("proposes without executing when the client cannot confirm: nothing issued until the out-of-band confirmation", async () => {
    h = await startHarness({ tools: [issueCreditNoteTool] });
    await seedIssued(h);
    const out = ProposalResultSchema.parse((await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001", reason: "Erreur de tarif", amount: "200.00" } })).structuredContent);
    expect(out.status).toBe("pending");
    expect(out.confirmCommand).toBe(`facturation confirm ${out.pendingAction.id}`);
    expect(await creditNotes(h)).toEqual([]);
    expect(await h.opened.db.select().from(ledgerEntries)).toHaveLength(1);
    const desk = localDesk(h.deps);
    const view = await desk.show(out.pendingAction.id);
    const outcome = await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });
    expect(outcome.result).toMatchObject({ number: "AV-2026-00001", amountDue: "-240.00" });
    expect(await h.opened.db.select().from(ledgerEntries)).toHaveLength(2);
  });

  it("leaves nothing behind when the human declines", async () => {
    h = await startHarness({ tools: [issueCreditNoteTool], elicitation: () => ({ action: "decline" }) });
    await seedIssued(h);
    const out = ProposalResultSchema.parse((await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001", reason: "Erreur", amount: "10.00" } })).structuredContent);
    expect(out.status).toBe("declined");
    expect(await creditNotes(h)).toEqual([]);
    expect(await h.opened.db.select().from(invoices)).toHaveLength(1);
    expect(await h.opened.db.select().from(ledgerEntries)).toHaveLength(1);
  });

  it("re-checks the creditable amount at execution: of two pending credit notes that together exceed it, the second is refused", async () => {
    h = await startHarness({ tools: [issueCreditNoteTool] });
    await seedIssued(h);
    const propose = async () =>
      ProposalResultSchema.parse((await h!.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001", reason: "Erreur", amount: "1500.00" } })).structuredContent);
    const a = await propose();
    const b = await propose();
    const desk = localDesk(h.deps);
    const viewA = await desk.show(a.pendingAction.id);
    await desk.confirm({ actionId: viewA.id, digest: viewA.digest, confirmer: FINANCE });
    const viewB = await desk.show(b.pendingAction.id);
    await expect(desk.confirm({ actionId: viewB.id, digest: viewB.digest, confirmer: FINANCE })).rejects.toThrow(/dépasse le montant encore créditable.*500,00/);
    expect(await creditNotes(h)).toHaveLength(1);
    expect(await h.opened.db.select().from(ledgerEntries)).toHaveLength(2);
  });

  it("refuses an unknown invoice, a missing reason and a negative amount in French, proposing nothing", async () => {
    h = await startHarness({ tools: [issueCreditNoteTool] });
    await seedIssued(h);
    expect(textOf(await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-09999", reason: "Erreur" } }))).toBe("invoice : aucune facture F-2026-09999");
    expect(textOf(await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001" } }))).toMatch(/^reason : /);
    expect(textOf(await h.client.callTool({ name: "issue_credit_note", arguments: { invoice: "F-2026-00001", reason: "Erreur", amount: "-5.00" } }))).toBe(
      "amount : doit être un montant HT strictement positif",
    );
    expect(await h.opened.db.select().from(pendingActions)).toHaveLength(0);
  });
});
