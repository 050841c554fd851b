import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { recordEvent } from "../../../db/repositories/events.js";
import { billedScheduleItems, invoiceLines, invoices, ledgerEntries } from "../../../db/schema/index.js";
import { Decimal } from "../../../engine/money/money.js";
import { localDesk } from "../../../tools/confirmation/pendingActionDesk.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { issueInvoiceTool } from "../../../tools/preparation/issueInvoice.js";
import { prepareInvoiceDraftTool } from "../../../tools/preparation/prepareInvoiceDraft.js";
import { line } from "../../db/fixtures.js";
import { FINANCE, startHarness, type Harness } from "../harness.js";
import { event, seedPreparation } from "./preparationFixtures.js";

async function prepare(h: Harness, args: Record<string, unknown>) {
  const result = await h.client.callTool({ name: "prepare_invoice_draft", arguments: args });
  if (result.isError) throw new Error(JSON.stringify(result.content));
  return result.structuredContent as {
    drafts: { invoiceId: number; kind: string; created: boolean; dueDate: string; issueDate: string; totals: { net: string; vat: string; gross: string }; lines: { label: string; net: string; quantity: string; unitPrice: string; deductsInvoiceId: number | null }[]; legalMentions: string[] }[];
    blocked: { reason: string; net: string }[];
  };
}

describe("prepare_invoice_draft", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("stores the deposit due at signature as an unnumbered draft with VAT, due date and legal mentions", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool] });
    const s = await seedPreparation(h.opened.db);
    await event(h.opened.db, s.contract.id, "signature", "2026-03-02");
    const out = await prepare(h, { projectId: s.project.id });
    expect(out.blocked).toEqual([]);
    expect(out.drafts).toHaveLength(1);
    const [draft] = out.drafts;
    expect(draft).toMatchObject({ kind: "deposit", created: true, issueDate: "2026-03-20", dueDate: "2026-04-19", totals: { net: "3000.00", vat: "600.00", gross: "3600.00" } });
    expect(draft?.lines).toEqual([{ label: "Acompte 30 %", quantity: "1", unitPrice: "3000", net: "3000.00", vatRate: "20", scheduleItemIndex: 0, deductsInvoiceId: null }]);
    expect(draft?.legalMentions.some((m) => m.includes("40"))).toBe(true);
    const stored = await h.opened.db.select().from(invoices);
    expect(stored.map((i) => [i.status, i.number, i.netAmount, i.amountDue])).toEqual([["draft", null, "3000.00", "3600.00"]]);
  });

  it("returns the same draft on a second call instead of a duplicate", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool] });
    const s = await seedPreparation(h.opened.db);
    await event(h.opened.db, s.contract.id, "signature", "2026-03-02");
    const first = await prepare(h, { projectId: s.project.id });
    const second = await prepare(h, { projectId: s.project.id });
    expect(second.drafts.map((d) => [d.invoiceId, d.created])).toEqual([[first.drafts[0]?.invoiceId, false]]);
    expect(await h.opened.db.select().from(invoices)).toHaveLength(1);
  });

  it("deducts the issued deposit from the closing invoice", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool] });
    const s = await seedPreparation(h.opened.db);
    await event(h.opened.db, s.contract.id, "signature", "2026-03-02");
    const deposit = (await prepare(h, { projectId: s.project.id })).drafts[0];
    const issued = await issueInvoice(h.opened.db, { invoiceId: deposit?.invoiceId ?? 0, actor: "test", channel: "test" });
    await event(h.opened.db, s.contract.id, "state", "2026-03-18", "livré");
    const out = await prepare(h, { projectId: s.project.id });
    const closing = out.drafts.find((d) => d.created);
    expect(closing?.kind).toBe("invoice");
    expect(closing?.lines.map((l) => [l.label, l.net, l.deductsInvoiceId])).toEqual([
      ["Solde", "7000.00", null],
      [`Déduction de l'acompte ${issued.invoice.number} du 20/03/2026`, "-3000.00", issued.invoice.id],
    ]);
    expect(closing?.totals).toEqual({ net: "4000.00", vat: "800.00", gross: "4800.00" });
  });

  it("holds back the closing invoice while its deposit is only a draft, and says why", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool] });
    const s = await seedPreparation(h.opened.db);
    await event(h.opened.db, s.contract.id, "signature", "2026-03-02");
    await event(h.opened.db, s.contract.id, "state", "2026-03-18", "livré");
    const out = await prepare(h, { projectId: s.project.id });
    expect(out.drafts.map((d) => d.kind)).toEqual(["deposit"]);
    expect(out.blocked).toHaveLength(1);
    expect(out.blocked[0]?.reason).toMatch(/acompte déclenché le 02\/03\/2026 doit d'abord être facturé et émis/);
  });

  it("bills a régie month in the next month, one line per time entry in days, and not the current month", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool] });
    const s = await seedPreparation(h.opened.db);
    await event(h.opened.db, s.regieContract.id, "action", "2026-02-10", "développement", "2");
    await event(h.opened.db, s.regieContract.id, "action", "2026-02-24", "recette", "0.5");
    await event(h.opened.db, s.regieContract.id, "action", "2026-03-05", "développement", "3");
    const out = await prepare(h, { projectId: s.regie.id });
    expect(out.drafts).toHaveLength(1);
    expect(out.drafts[0]?.lines.map((l) => [l.label, l.quantity, l.unitPrice, l.net])).toEqual([
      ["Réalisé du mois : développement", "2", "650", "1300.00"],
      ["Réalisé du mois : recette", "0.5", "650", "325.00"],
    ]);
    const lines = await h.opened.db.select().from(invoiceLines);
    expect(lines.map((l) => l.unitCode)).toEqual(["DAY", "DAY"]);
  });

  it("answers that nothing is due when no milestone fired", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool] });
    const s = await seedPreparation(h.opened.db);
    const result = await h.client.callTool({ name: "prepare_invoice_draft", arguments: { projectId: s.project.id } });
    expect(result.structuredContent).toMatchObject({ drafts: [], blocked: [] });
    expect(result.content).toEqual([{ type: "text", text: expect.stringMatching(/^Rien à facturer aujourd'hui sur Refonte du site/) }]);
  });

  it("refuses an unknown project or a bad id in French naming the field, and keeps serving", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool] });
    const s = await seedPreparation(h.opened.db);
    const missing = await h.client.callTool({ name: "prepare_invoice_draft", arguments: { projectId: 999 } });
    expect(missing.isError).toBe(true);
    expect(missing.content).toEqual([{ type: "text", text: "projectId : projet 999 introuvable" }]);
    const bad = await h.client.callTool({ name: "prepare_invoice_draft", arguments: { projectId: "refonte" } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/projectId : doit être l'identifiant numérique du projet/);
    const good = await h.client.callTool({ name: "prepare_invoice_draft", arguments: { projectId: s.project.id } });
    expect(good.isError).toBeFalsy();
    expect(await h.opened.db.select().from(invoices)).toHaveLength(0);
  });

  it("issues one invoice per milestone: after issue nothing is due, and a second draft of the same milestone is refused at issue", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool, issueInvoiceTool] });
    const s = await seedPreparation(h.opened.db);
    await event(h.opened.db, s.contract.id, "signature", "2026-03-02");
    const draft = (await prepare(h, { projectId: s.project.id })).drafts[0];
    // A second draft of the same milestone, as a concurrent preparation elsewhere could leave.
    const { invoice: twin } = await createDraftInvoice(h.opened.db, {
      kind: "deposit",
      clientId: s.client.id,
      projectId: s.project.id,
      contractId: s.contract.id,
      issueDate: "2026-03-20",
      lines: [line("3000.00", { label: "Acompte 30 %", scheduleItemIndex: 0 })],
      createdBy: "autre",
    });
    const desk = localDesk(h.deps);
    const issueThroughGate = async (invoiceId: number) => {
      const proposal = ProposalResultSchema.parse((await h!.client.callTool({ name: "issue_invoice", arguments: { invoiceId } })).structuredContent);
      const view = await desk.show(proposal.pendingAction.id);
      return desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });
    };
    const first = await issueThroughGate(draft?.invoiceId ?? 0);
    expect(first.result).toMatchObject({ number: "F-2026-00001", amountDue: "3600.00" });
    await expect(issueThroughGate(twin.id)).rejects.toThrow(/cette échéance du contrat a déjà été facturée/);
    const issued = (await h.opened.db.select().from(invoices)).filter((i) => i.status !== "draft");
    expect(issued.map((i) => i.number)).toEqual(["F-2026-00001"]);
    expect(await h.opened.db.select().from(billedScheduleItems)).toEqual([{ contractId: s.contract.id, itemIndex: 0, invoiceId: draft?.invoiceId }]);
    expect(await h.opened.db.select().from(ledgerEntries)).toHaveLength(1);
    const again = await prepare(h, { projectId: s.project.id });
    expect(again.drafts.filter((d) => d.created)).toEqual([]);
  });

  it("bills lot progress as a situation, and a later decrease as a credit note correcting it", async () => {
    h = await startHarness({ tools: [prepareInvoiceDraftTool] });
    const s = await seedPreparation(h.opened.db);
    const progress = (occurredOn: string, lot: string, percent: string) =>
      recordEvent(h!.opened.db, { contractId: s.lotsContract.id, type: "progress", occurredOn, lot, percent: new Decimal(percent), recordedBy: "test" });
    await progress("2026-03-01", "Gros œuvre", "30");
    await progress("2026-03-01", "Électricité", "10");
    await recordEvent(h.opened.db, { contractId: s.lotsContract.id, type: "event", occurredOn: "2026-03-01", name: "situation", recordedBy: "test" });
    const first = await prepare(h, { projectId: s.lots.id });
    expect(first.drafts[0]?.lines.map((l) => [l.label, l.net])).toEqual([
      ["Situation : Gros œuvre", "12000.00"],
      ["Situation : Électricité", "1000.00"],
    ]);
    const issued = await issueInvoice(h.opened.db, { invoiceId: first.drafts[0]?.invoiceId ?? 0, actor: "test", channel: "test" });
    await progress("2026-03-15", "Gros œuvre", "25");
    await recordEvent(h.opened.db, { contractId: s.lotsContract.id, type: "event", occurredOn: "2026-03-15", name: "situation", recordedBy: "test" });
    const second = await prepare(h, { projectId: s.lots.id });
    const credit = second.drafts.find((d) => d.created);
    expect(credit).toMatchObject({ kind: "credit_note", totals: { net: "-2000.00", vat: "-400.00", gross: "-2400.00" } });
    const [stored] = await h.opened.db.select().from(invoices).where(eq(invoices.id, credit?.invoiceId ?? 0));
    expect(stored).toMatchObject({ correctsInvoiceId: issued.invoice.id, correctionReason: "Baisse de l'avancement des lots", status: "draft" });
  });
});
