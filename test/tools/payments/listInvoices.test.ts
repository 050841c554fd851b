import { afterEach, describe, expect, it } from "vitest";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { listInvoicesTool } from "../../../tools/payments/listInvoices.js";
import { line } from "../../db/fixtures.js";
import type { Harness } from "../harness.js";
import { creditNote, type Ledger, pay, startWithLedger } from "./paymentsFixtures.js";

/** The fixture ledger plus a credit note on A1 (−120,00 € TTC), 200,00 € paid on A2 and a draft for Acme. */
async function start(): Promise<{ h: Harness; ledger: Ledger; draftId: number }> {
  const { h, ledger } = await startWithLedger({ tools: [listInvoicesTool] });
  await creditNote(h.opened.db, ledger.acme.id, ledger.a1.id, "2026-03-05", "-100.00");
  await pay(h.opened.db, ledger.acme.id, "200.00", "2026-03-15", [{ invoiceId: ledger.a2.id, amount: "200.00" }]);
  const { invoice } = await createDraftInvoice(h.opened.db, { kind: "invoice", clientId: ledger.acme.id, issueDate: "2026-03-25", lines: [line("50.00")], createdBy: "test" });
  return { h, ledger, draftId: invoice.id };
}

type Row = { number: string | null; status: string; statusLabel: string; outstanding: string; daysLate: number; amountDue: string; credited: string; paid: string; disputed: boolean };

describe("list_invoices", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("lists every document latest first with its payment status as of today (credit notes and payments counted)", async () => {
    let draftId;
    ({ h, draftId } = await start());
    const result = await h.client.callTool({ name: "list_invoices", arguments: { clientId: undefined } });
    const s = result.structuredContent as { invoices: (Row & { invoiceId: number })[]; total: number; hasMore: boolean; totals: unknown };
    expect(s.invoices.map((r) => [r.number, r.status, r.amountDue, r.outstanding, r.daysLate])).toEqual([
      [null, "draft", "60.00", "0.00", 0],
      ["AV-2026-00001", "issued", "-120.00", "0.00", 0],
      ["F-2026-00004", "issued", "300.00", "300.00", 0],
      ["F-2026-00003", "issued", "12000.00", "12000.00", 0],
      ["F-2026-00002", "overdue", "600.00", "400.00", 8],
      ["F-2026-00001", "overdue", "1200.00", "1080.00", 44],
      ["F-2025-00001", "overdue", "120.00", "120.00", 109],
    ]);
    expect(s.invoices[0]?.invoiceId).toBe(draftId);
    expect(s.invoices[1]?.statusLabel).toBe("avoir émis");
    expect(s.invoices[4]).toMatchObject({ paid: "200.00", credited: "0.00" });
    expect(s.invoices[5]).toMatchObject({ paid: "0.00", credited: "120.00" });
    expect(s.total).toBe(7);
    expect(s.hasMore).toBe(false);
    expect(s.totals).toEqual({ amountDue: "14160.00", outstanding: "13900.00" });
    expect((result.content as { text: string }[])[0]?.text).toContain("- F-2026-00002 · Acme Industrie · 10/02/2026 · 600,00\u00a0€ TTC · reste 400,00\u00a0€ · en retard (8 j de retard)");
  });

  it("filters by status, client, period and overdue, and pages", async () => {
    let ledger;
    ({ h, ledger } = await start());
    const call = async (args: Record<string, unknown>) =>
      (await h!.client.callTool({ name: "list_invoices", arguments: args })).structuredContent as { invoices: Row[]; total: number; hasMore: boolean; offset: number };
    expect((await call({ overdueOnly: true, clientId: ledger.acme.id })).invoices.map((r) => r.number)).toEqual(["F-2026-00002", "F-2026-00001"]);
    expect((await call({ status: ["draft", "issued"], kind: ["invoice"] })).invoices.map((r) => r.number)).toEqual([null, "F-2026-00004", "F-2026-00003"]);
    expect((await call({ issuedFrom: "2026-02-01", issuedTo: "2026-02-28" })).invoices.map((r) => r.number)).toEqual(["F-2026-00003", "F-2026-00002"]);
    const page = await call({ limit: 2, offset: 2 });
    expect(page.invoices.map((r) => r.number)).toEqual(["F-2026-00004", "F-2026-00003"]);
    expect(page).toMatchObject({ total: 7, hasMore: true, offset: 2 });
  });

  it("finds disputed invoices and marks them", async () => {
    let ledger;
    ({ h, ledger } = await start());
    const { markInvoiceDisputed } = await import("../../../db/repositories/invoiceStatusChanges.js");
    await markInvoiceDisputed(h.opened.db, ledger.b1.id, { disputed: true, reason: "désaccord", actor: "test", channel: "test" });
    const s = (await h.client.callTool({ name: "list_invoices", arguments: { status: ["disputed"] } })).structuredContent as { invoices: Row[] };
    expect(s.invoices.map((r) => [r.number, r.disputed])).toEqual([["F-2026-00003", true]]);
  });

  it("refuses unknown statuses and an inverted period with French errors naming the fields", async () => {
    ({ h } = await start());
    const bad = await h.client.callTool({ name: "list_invoices", arguments: { status: ["impayée"] } });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]?.text).toMatch(/^status\[0\] : statut inconnu/);
    const inverted = await h.client.callTool({ name: "list_invoices", arguments: { issuedFrom: "2026-03-01", issuedTo: "2026-02-01" } });
    expect((inverted.content as { text: string }[])[0]?.text).toBe("issuedTo : doit suivre ou égaler issuedFrom");
    const unknownClient = await h.client.callTool({ name: "list_invoices", arguments: { clientId: 999 } });
    expect((unknownClient.content as { text: string }[])[0]?.text).toBe("clientId : client 999 introuvable");
  });
});
