import { afterEach, describe, expect, it } from "vitest";
import { issueInvoice } from "../../../db/repositories/invoices.js";
import { invoiceLines, invoices } from "../../../db/schema/index.js";
import { prepareInvoiceDraftTool } from "../../../tools/preparation/prepareInvoiceDraft.js";
import { startHarness, type Harness } from "../harness.js";
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
});
