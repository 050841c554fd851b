import { afterEach, describe, expect, it } from "vitest";
import { getReceivablesSummaryTool } from "../../../tools/payments/getReceivablesSummary.js";
import type { Harness } from "../harness.js";
import { startWithLedger } from "./paymentsFixtures.js";

describe("get_receivables_summary", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is listed as a read-only tool with a French title and an output schema", async () => {
    ({ h } = await startWithLedger({ tools: [getReceivablesSummaryTool] }));
    const [tool] = (await h.client.listTools()).tools;
    expect(tool?.name).toBe("get_receivables_summary");
    expect(tool?.title).toBe("Synthèse des créances clients");
    expect(tool?.annotations).toMatchObject({ readOnlyHint: true });
    expect(tool?.outputSchema?.properties).toHaveProperty("aging");
  });

  it("gives the aging buckets, the DSO with its formula, the recovery rate and the KPIs as of today", async () => {
    ({ h } = await startWithLedger({ tools: [getReceivablesSummaryTool] }));
    const result = await h.client.callTool({ name: "get_receivables_summary", arguments: {} });
    expect(result.isError).toBeFalsy();
    const s = result.structuredContent as Record<string, any>;
    expect(s.asOf).toBe("2026-03-20");
    expect(s.aging.overall.buckets).toEqual({
      not_due: { amount: "12300.00", count: 2 },
      d1_30: { amount: "600.00", count: 1 },
      d31_60: { amount: "1200.00", count: 1 },
      d61_90: { amount: "0.00", count: 0 },
      over_90: { amount: "120.00", count: 1 },
    });
    expect(s.aging.overall.total).toEqual({ amount: "14220.00", count: 5 });
    expect(s.aging.byClient.map((c: any) => [c.clientName, c.total.amount])).toEqual([
      ["Acme Industrie", "2100.00"],
      ["Bêta Conseil", "12120.00"],
    ]);
    // 14 220 outstanding × 90 days ÷ 14 100 invoiced from 21/12/2025 to 20/03/2026.
    expect(s.period).toEqual({ from: "2025-12-21", to: "2026-03-20", days: 90 });
    expect(s.dso).toEqual({ outstanding: "14220.00", revenue: "14100.00" });
    expect(s.formulas.dso).toMatch(/^DSO = encours clients TTC/);
    const kpis = Object.fromEntries(s.kpis.map((k: any) => [k.code, k]));
    expect(kpis.dso).toMatchObject({ value: "90.8", target: "30.0", alertThreshold: "45.0", alert: true });
    expect(s.recovery).toEqual({ collected: "0.00", due: "1800.00", invoiceCount: 2 });
    expect(kpis.recovery_rate).toMatchObject({ value: "0.0", alert: true });
    expect(kpis.overdue_count).toMatchObject({ value: "3", alert: true });
    expect(kpis.unpaid_amount).toMatchObject({ value: "1920.00", alertThreshold: "1410.00", alert: true });
    expect(s.alerts.map((a: any) => [a.number, a.code])).toEqual([
      ["F-2025-00001", "escalate"],
      ["F-2026-00001", "escalate"],
      ["F-2026-00002", "reminder_due"],
      ["F-2026-00003", "due_soon"],
    ]);
    const text = result.content as { type: string; text: string }[];
    expect(text[0]?.text).toMatch(/^Au 20\/03\/2026 : 14\u202f220,00\u00a0€ à encaisser sur 5 factures/);
  });

  it("narrows to one client and to another date", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [getReceivablesSummaryTool] }));
    const result = await h.client.callTool({ name: "get_receivables_summary", arguments: { clientId: ledger.beta.id, asOf: "2026-03-23", periodDays: 30 } });
    const s = result.structuredContent as Record<string, any>;
    expect(s.clientId).toBe(ledger.beta.id);
    expect(s.aging.overall.total).toEqual({ amount: "12120.00", count: 2 });
    expect(s.aging.overall.buckets.d1_30).toEqual({ amount: "12000.00", count: 1 });
    expect(s.period).toEqual({ from: "2026-02-22", to: "2026-03-23", days: 30 });
    expect(s.alerts.map((a: any) => a.code).sort()).toEqual(["escalate", "large_unpaid", "overdue"]);
  });

  it("covers a named period from its first day to the observation date", async () => {
    ({ h } = await startWithLedger({ tools: [getReceivablesSummaryTool] }));
    const result = await h.client.callTool({ name: "get_receivables_summary", arguments: { from: "2026-03-01" } });
    expect(result.isError).toBeFalsy();
    const s = result.structuredContent as Record<string, any>;
    expect(s.period).toEqual({ from: "2026-03-01", to: "2026-03-20", days: 20 });
    // Only A3 (250,00 € HT → 300,00 € TTC) is invoiced in March.
    expect(s.dso).toEqual({ outstanding: "14220.00", revenue: "300.00" });
    const closed = await h.client.callTool({ name: "get_receivables_summary", arguments: { from: "2026-01-01", asOf: "2026-01-31" } });
    expect((closed.structuredContent as Record<string, any>).period).toEqual({ from: "2026-01-01", to: "2026-01-31", days: 31 });
  });

  it("refuses a period given twice, starting after the observation date or longer than 366 days", async () => {
    ({ h } = await startWithLedger({ tools: [getReceivablesSummaryTool] }));
    const text = async (args: Record<string, unknown>) => {
      const r = await h!.client.callTool({ name: "get_receivables_summary", arguments: args });
      expect(r.isError).toBe(true);
      return (r.content as { text: string }[])[0]?.text;
    };
    expect(await text({ from: "2026-01-01", periodDays: 30 })).toBe("from : soit from, soit periodDays, pas les deux");
    expect(await text({ from: "2026-03-21" })).toBe("from : doit précéder ou égaler la date d'observation (20/03/2026)");
    expect(await text({ from: "2026-02-01", asOf: "2026-01-31" })).toBe("from : doit précéder ou égaler la date d'observation (asOf)");
    expect(await text({ from: "2025-01-01" })).toBe("from : la période du 01/01/2025 au 20/03/2026 dépasse 366 jours");
  });

  it("refuses a bad date with a French error naming the field, and keeps serving", async () => {
    ({ h } = await startWithLedger({ tools: [getReceivablesSummaryTool] }));
    const bad = await h.client.callTool({ name: "get_receivables_summary", arguments: { asOf: "2026-02-30", periodDays: 0 } });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]?.text).toMatch(/^asOf : doit être une date valide.*periodDays : doit être au moins 1/);
    const good = await h.client.callTool({ name: "get_receivables_summary", arguments: {} });
    expect(good.isError).toBeFalsy();
  });
});
