import { afterEach, describe, expect, it } from "vitest";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { invoices, paymentAllocations, payments } from "../../../db/schema/index.js";
import { eq } from "drizzle-orm";
import { getProjectBillingStatusTool } from "../../../tools/preparation/getProjectBillingStatus.js";
import { listReadyToInvoiceTool } from "../../../tools/preparation/listReadyToInvoice.js";
import { prepareInvoiceDraftTool } from "../../../tools/preparation/prepareInvoiceDraft.js";
import { startHarness, type Harness } from "../harness.js";
import { event, seedPreparation } from "./preparationFixtures.js";

const TOOLS = [getProjectBillingStatusTool, listReadyToInvoiceTool, prepareInvoiceDraftTool];

async function structured(h: Harness, name: string, args: Record<string, unknown>) {
  const r = await h.client.callTool({ name, arguments: args });
  if (r.isError) throw new Error(JSON.stringify(r.content));
  return r.structuredContent as Record<string, any>;
}

/** Deposit prepared and issued (3 600,00 TTC), 1 000,00 paid on it. */
async function depositIssuedAndPartlyPaid(h: Harness) {
  const s = await seedPreparation(h.opened.db);
  await event(h.opened.db, s.contract.id, "signature", "2026-03-02");
  const prepared = await structured(h, "prepare_invoice_draft", { projectId: s.project.id });
  const issued = await issueInvoice(h.opened.db, { invoiceId: prepared.drafts[0].invoiceId, actor: "test", channel: "test" });
  const [payment] = await h.opened.db.insert(payments).values({ clientId: s.client.id, receivedOn: "2026-03-19", amount: "1000.00", recordedBy: "test" }).returning();
  await h.opened.db.insert(paymentAllocations).values({ paymentId: payment!.id, invoiceId: issued.invoice.id, amount: "1000.00" });
  await h.opened.db.update(invoices).set({ amountPaid: "1000.00", status: "partially_paid" }).where(eq(invoices.id, issued.invoice.id));
  return s;
}

describe("get_project_billing_status", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("shows per item what fired, what is invoiced and what remains, with billing and payment progress", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await depositIssuedAndPartlyPaid(h);
    await event(h.opened.db, s.contract.id, "state", "2026-03-18", "livré");
    const out = await structured(h, "get_project_billing_status", { projectId: s.project.id });
    expect(out.contracts).toHaveLength(1);
    const [c] = out.contracts;
    expect(c).toMatchObject({ pricing: "forfait", price: "10000.00", invoicedNet: "3000.00", billingProgressPercent: "30", remainingNet: "7000.00", closed: true, realizedWork: null });
    expect(c.items).toEqual([
      {
        index: 0,
        description: "Acompte 30 % : 30 % du prix — à la signature (acompte à déduire)",
        kind: "percent",
        triggered: true,
        triggeredOn: "2026-03-02",
        plannedAmount: "3000.00",
        invoicedAmount: "3000.00",
        invoicedPercent: "30",
        draftAmount: "0.00",
        readyToInvoice: "0.00",
        remainingAmount: "0.00",
        remainingPercent: "0",
      },
      {
        index: 1,
        description: "Solde : 70 % du prix — à l'état « livré » (solde)",
        kind: "percent",
        triggered: true,
        triggeredOn: "2026-03-18",
        plannedAmount: "7000.00",
        invoicedAmount: "0.00",
        invoicedPercent: "0",
        draftAmount: "0.00",
        readyToInvoice: "7000.00",
        remainingAmount: "7000.00",
        remainingPercent: "70",
      },
    ]);
    expect(out.payments).toEqual({ invoicedGross: "3600.00", paid: "1000.00", outstanding: "2600.00", paymentProgressPercent: "27.78" });
    expect(out.dueNow).toEqual({ invoices: 1, net: "4000.00", gross: "4800.00" });
  });

  it("reports the unbilled realized work of a régie, the current month included", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    await event(h.opened.db, s.regieContract.id, "action", "2026-02-10", "développement", "2");
    await event(h.opened.db, s.regieContract.id, "action", "2026-03-05", "développement", "1.5");
    await structured(h, "prepare_invoice_draft", { projectId: s.regie.id });
    const out = await structured(h, "get_project_billing_status", { projectId: s.regie.id });
    expect(out.contracts[0].realizedWork).toEqual({ quantity: "3.5", amount: "2275.00", invoicedAmount: "1300.00", unbilledAmount: "975.00" });
    expect(out.contracts[0].items[0]).toMatchObject({ triggered: true, triggeredOn: "2026-02-28", draftAmount: "1300.00", invoicedAmount: "0.00", plannedAmount: null });
  });

  it("refuses an unknown project in French naming the field", async () => {
    h = await startHarness({ tools: TOOLS });
    const r = await h.client.callTool({ name: "get_project_billing_status", arguments: { projectId: 404 } });
    expect(r.isError).toBe(true);
    expect(r.content).toEqual([{ type: "text", text: "projectId : projet 404 introuvable" }]);
  });
});

describe("list_ready_to_invoice", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("lists every project with something to invoice today, separating what to prepare from drafts ready to issue", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    await event(h.opened.db, s.contract.id, "signature", "2026-03-02");
    await event(h.opened.db, s.regieContract.id, "action", "2026-02-10", "développement", "2");
    await structured(h, "prepare_invoice_draft", { projectId: s.regie.id });
    const out = await structured(h, "list_ready_to_invoice", {});
    expect(out.projects.map((p: any) => [p.projectName, p.toPrepare, p.drafts.net, p.since])).toEqual([
      ["Maintenance applicative", { invoices: 0, net: "0.00", gross: "0.00" }, "1300.00", null],
      ["Refonte du site", { invoices: 1, net: "3000.00", gross: "3600.00" }, "0.00", "2026-03-02"],
    ]);
    expect(out.totals).toEqual({ net: "4300.00", gross: "5160.00" });
    expect(await h.opened.db.select().from(invoices)).toHaveLength(1);
  });

  it("says there is nothing to invoice, and filters by client", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    const r = await h.client.callTool({ name: "list_ready_to_invoice", arguments: {} });
    expect(r.structuredContent).toMatchObject({ projects: [], totals: { net: "0.00" } });
    expect(r.content).toEqual([{ type: "text", text: "Rien à facturer au 20/03/2026." }]);
    await event(h.opened.db, s.contract.id, "signature", "2026-03-02");
    const other = await structured(h, "list_ready_to_invoice", { clientId: s.other.id });
    expect(other.projects).toEqual([]);
    const bad = await h.client.callTool({ name: "list_ready_to_invoice", arguments: { clientId: -1 } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/clientId/);
  });
});
