import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../db/audit/verifyAuditChain.js";
import { createDraftInvoice, getInvoice } from "../../../db/repositories/invoices.js";
import { auditLog, invoiceLines, ledgerEntries, ledgerLines, pendingActions } from "../../../db/schema/index.js";
import { localDesk } from "../../../tools/confirmation/pendingActionDesk.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { issueInvoiceTool } from "../../../tools/preparation/issueInvoice.js";
import { line, seedBasics } from "../../db/fixtures.js";
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
    expect(result.content).toEqual([{ type: "text", text: "La facture F-2026-00001 est émise pour Acme Industrie : 2\u202f100,60\u00a0€ TTC, échéance le 2026-04-19." }]);
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
