import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../db/audit/verifyAuditChain.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { getInvoice } from "../../../db/repositories/invoiceQueries.js";
import { auditLog, invoiceLines, invoices, ledgerEntries, ledgerLines, pendingActions } from "../../../db/schema/index.js";
import { localDesk } from "../../../tools/confirmation/pendingActionDesk.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { issueInvoiceTool } from "../../../tools/preparation/issueInvoice.js";
import { issueSimple, line, seedBasics } from "../../db/fixtures.js";
import { FINANCE, startHarness, type Harness } from "../harness.js";

async function seedDraft(h: Harness) {
  const { client } = await seedBasics(h.opened.db);
  const { invoice } = await createDraftInvoice(h.opened.db, {
    kind: "invoice",
    clientId: client.id,
    issueDate: "2026-03-20",
    lines: [line("1500.00", { label: "Maquettes validées" }), line("250.50", { label: "Atelier" })],
    createdBy: "claire",
  });
  return invoice.id;
}

async function ledgerCount(h: Harness): Promise<number> {
  return (await h.opened.db.select().from(ledgerEntries)).length;
}

describe("issue_invoice", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("issues the draft once the human accepts the form: number, ledger entry, audit rows", async () => {
    h = await startHarness({ tools: [issueInvoiceTool], elicitation: () => ({ action: "accept", content: { confirmer: true } }) });
    const draftId = await seedDraft(h);
    const result = await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftId } });
    const structured = ProposalResultSchema.parse(result.structuredContent);
    expect(structured.status).toBe("executed");
    expect(structured.preview.totals).toEqual({ net: "1750.50", vat: "350.10", gross: "2100.60" });
    expect(structured.result).toEqual({ invoiceId: draftId, number: "F-2026-00001", amountDue: "2100.60", dueDate: "2026-04-19" });
    expect(result.content).toEqual([{ type: "text", text: "La facture F-2026-00001 est émise pour Acme Industrie : 2\u202f100,60\u00a0€ TTC, échéance le 19/04/2026." }]);
    const stored = await getInvoice(h.opened.db, draftId);
    expect(stored.invoice.status).toBe("issued");
    expect(stored.invoice.idempotencyKey).toBe(structured.pendingAction.id);
    const entries = await h.opened.db.select().from(ledgerEntries);
    expect(entries).toHaveLength(1);
    const lines = await h.opened.db.select().from(ledgerLines).where(eq(ledgerLines.entryId, entries[0]!.id));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const audit = (await h.opened.db.select().from(auditLog).orderBy(auditLog.seq)).map((r) => r.action);
    expect(audit).toEqual(["action_proposed", "invoice_issued", "action_executed"]);
    expect(await verifyAuditChain(h.opened.db)).toMatchObject({ ok: true, rows: 3 });
  });

  it("leaves the ledger untouched when the client never confirms (no elicitation), then issues on the out-of-band confirmation", async () => {
    h = await startHarness({ tools: [issueInvoiceTool] });
    const draftId = await seedDraft(h);
    const structured = ProposalResultSchema.parse((await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftId } })).structuredContent);
    expect(structured.status).toBe("pending");
    expect(await ledgerCount(h)).toBe(0);
    expect((await getInvoice(h.opened.db, draftId)).invoice).toMatchObject({ status: "draft", number: null });

    const desk = localDesk(h.deps);
    const view = await desk.show(structured.pendingAction.id);
    expect(view.preview.lines.map((l) => l.net)).toEqual(["1500.00", "250.50"]);
    const outcome = await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });
    expect(outcome.result).toMatchObject({ number: "F-2026-00001" });
    expect(await ledgerCount(h)).toBe(1);
  });

  it("refuses to issue a draft that changed after the proposal, and issues nothing", async () => {
    h = await startHarness({ tools: [issueInvoiceTool] });
    const draftId = await seedDraft(h);
    const structured = ProposalResultSchema.parse((await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftId } })).structuredContent);
    await h.opened.db.update(invoiceLines).set({ label: "Maquettes validées (modifié)" }).where(eq(invoiceLines.invoiceId, draftId));
    const desk = localDesk(h.deps);
    const view = await desk.show(structured.pendingAction.id);
    await expect(desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE })).rejects.toThrow(/le brouillon a changé depuis la proposition/);
    expect(await ledgerCount(h)).toBe(0);
    expect((await getInvoice(h.opened.db, draftId)).invoice.status).toBe("draft");
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, view.id));
    expect(row?.status).toBe("failed");
  });

  it("answers an unknown draft with a French error naming the field, and stores no pending action", async () => {
    h = await startHarness({ tools: [issueInvoiceTool] });
    const result = await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: 999 } });
    expect(result).toMatchObject({ isError: true, content: [{ type: "text", text: "invoice : facture 999 introuvable" }] });
    expect(await h.opened.db.select().from(pendingActions)).toEqual([]);
  });
});

describe("issue_invoice — dates", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** A draft prepared on 10 March (45 days end of month), and an invoice issued on 15 March meanwhile. */
  async function seedOvertakenDraft(h: Harness) {
    const { client } = await seedBasics(h.opened.db);
    const { invoice } = await createDraftInvoice(h.opened.db, {
      kind: "invoice",
      clientId: client.id,
      issueDate: "2026-03-10",
      paymentTerms: { days: 45, endOfMonth: true },
      lines: [line("1000.00", { label: "Jalon livraison" })],
      createdBy: "claire",
    });
    const other = await issueSimple(h.opened.db, client.id, "2026-03-15", "200.00");
    return { draftId: invoice.id, other };
  }

  it("dates the invoice the day it is confirmed, not the day the draft was prepared, and shows those dates in the preview", async () => {
    h = await startHarness({ tools: [issueInvoiceTool] });
    const { draftId, other } = await seedOvertakenDraft(h);
    expect(other.number).toBe("F-2026-00001");
    const structured = ProposalResultSchema.parse((await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftId } })).structuredContent);
    expect(structured.status).toBe("pending");
    expect(structured.preview.dueDate).toBe("2026-05-31");
    expect(structured.preview.facts).toEqual([
      { label: "Date d'émission", value: "20/03/2026 (jour de la confirmation)" },
      { label: "Conditions de paiement", value: "45 jours fin de mois" },
    ]);
    expect(structured.pendingAction.summary).toContain("Échéance : 31/05/2026");

    const desk = localDesk(h.deps);
    const view = await desk.show(structured.pendingAction.id);
    const outcome = await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });
    expect(outcome.result).toEqual({ invoiceId: draftId, number: "F-2026-00002", amountDue: "1200.00", dueDate: "2026-05-31" });
    const [stored] = await h.opened.db.select().from(invoices).where(eq(invoices.id, draftId));
    expect(stored).toMatchObject({ status: "issued", number: "F-2026-00002", issueDate: "2026-03-20", dueDate: "2026-05-31", amountDue: "1200.00" });
  });

  it("refuses, at the proposal, a requested date before the series' last invoice, and stores nothing", async () => {
    h = await startHarness({ tools: [issueInvoiceTool] });
    const { draftId } = await seedOvertakenDraft(h);
    const result = await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftId, issueDate: "2026-03-10" } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]?.text).toBe(
      "issueDate : la date d'émission 10/03/2026 est antérieure à celle de la dernière facture de la série F (F-2026-00001, 15/03/2026) : la numérotation doit rester chronologique",
    );
    expect(await h.opened.db.select().from(pendingActions)).toEqual([]);
    expect((await getInvoice(h.opened.db, draftId)).invoice).toMatchObject({ status: "draft", number: null, issueDate: "2026-03-10" });
  });

  it("keeps a requested date (and the due date that follows) when it is in order", async () => {
    h = await startHarness({ tools: [issueInvoiceTool] });
    const { draftId } = await seedOvertakenDraft(h);
    const structured = ProposalResultSchema.parse((await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftId, issueDate: "2026-03-16" } })).structuredContent);
    expect(structured.preview.facts[0]).toEqual({ label: "Date d'émission", value: "16/03/2026" });
    h.clock.now = new Date("2026-03-20T09:05:00Z");
    const desk = localDesk(h.deps);
    const view = await desk.show(structured.pendingAction.id);
    await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });
    expect((await getInvoice(h.opened.db, draftId)).invoice).toMatchObject({ status: "issued", issueDate: "2026-03-16", dueDate: "2026-04-30" });
  });

  it("refuses a confirmation on another day than the one shown, and issues nothing", async () => {
    h = await startHarness({ tools: [issueInvoiceTool] });
    const { draftId } = await seedOvertakenDraft(h);
    h.clock.now = new Date("2026-03-20T23:55:00Z");
    const structured = ProposalResultSchema.parse((await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftId } })).structuredContent);
    h.clock.now = new Date("2026-03-21T00:05:00Z");
    const desk = localDesk(h.deps);
    const view = await desk.show(structured.pendingAction.id);
    await expect(desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE })).rejects.toThrow(
      /issueDate : la facture devait être datée du jour de la confirmation \(20\/03\/2026\) mais nous sommes le 21\/03\/2026/,
    );
    expect((await getInvoice(h.opened.db, draftId)).invoice).toMatchObject({ status: "draft", number: null });
    expect(await ledgerCount(h)).toBe(1);
  });
});
