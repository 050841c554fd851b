import { afterEach, describe, expect, it } from "vitest";
import { getDunningStatusTool } from "../../../tools/payments/getDunningStatus.js";
import { setInvoiceDisputeTool } from "../../../tools/payments/setInvoiceDispute.js";
import type { Harness } from "../harness.js";
import { sentReminder, startWithLedger } from "./paymentsFixtures.js";

describe("get_dunning_status", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("tells which open invoice needs which reminder today, and the next level with its date", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [getDunningStatusTool] }));
    await sentReminder(h.opened.db, ledger.a1.id, 1, "2026-02-11");
    const result = await h.client.callTool({ name: "get_dunning_status", arguments: {} });
    const s = result.structuredContent as Record<string, any>;
    const rows = Object.fromEntries(s.invoices.map((r: any) => [r.number, r]));
    expect(Object.keys(rows).sort()).toEqual(["F-2025-00001", "F-2026-00001", "F-2026-00002", "F-2026-00003", "F-2026-00004"]);
    expect(rows["F-2026-00001"]).toMatchObject({
      lastSent: { level: "r1", date: "2026-02-11" },
      dueNow: { level: "r2", label: "relance R2 (ferme)" },
      next: { level: "r3", date: "2026-04-04" },
      daysOverdue: 44,
      outstanding: "1200.00",
    });
    expect(rows["F-2026-00002"]).toMatchObject({ lastSent: null, dueNow: { level: "r1" }, next: { level: "r2", date: "2026-03-28" } });
    expect(rows["F-2026-00004"]).toMatchObject({ dueNow: null, next: { level: "r1", date: "2026-04-07" } });
    expect(s.dueNowCount).toBe(3);
    expect((result.content as { text: string }[])[0]?.text.split("\n")[0]).toBe("3 relances à envoyer au 20/03/2026 :");
  });

  it("keeps only what is due with dueOnly, and suspends a disputed invoice", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [getDunningStatusTool, setInvoiceDisputeTool] }));
    await h.client.callTool({ name: "set_invoice_dispute", arguments: { invoice: ledger.a2.number, disputed: true, reason: "livrable incomplet" } });
    const result = await h.client.callTool({ name: "get_dunning_status", arguments: { clientId: ledger.acme.id, dueOnly: true } });
    const s = result.structuredContent as Record<string, any>;
    expect(s.invoices.map((r: any) => r.number)).toEqual(["F-2026-00001"]);
    const one = await h.client.callTool({ name: "get_dunning_status", arguments: { invoice: ledger.a2.number } });
    expect((one.structuredContent as any).invoices[0]).toMatchObject({ disputed: true, dueNow: null, next: null, reason: "Facture en litige : les relances sont suspendues." });
  });

  it("answers a French not-found error for an unknown invoice and keeps serving", async () => {
    ({ h } = await startWithLedger({ tools: [getDunningStatusTool] }));
    const bad = await h.client.callTool({ name: "get_dunning_status", arguments: { invoice: "F-2099-00001" } });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]?.text).toBe("invoice : aucune facture F-2099-00001");
    const good = await h.client.callTool({ name: "get_dunning_status", arguments: { dueOnly: true } });
    expect(good.isError).toBeFalsy();
  });
});
