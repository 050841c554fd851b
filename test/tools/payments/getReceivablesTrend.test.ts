import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetReceivablesSummaryOutputSchema } from "../../../tools/payments/getReceivablesSummary.js";
import { GetReceivablesTrendOutputSchema } from "../../../tools/payments/getReceivablesTrend.js";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";
import { startDemoHarness } from "../demoHarness.js";
import type { Harness } from "../harness.js";

const TODAY = DEMO_TODAY;

describe("get_receivables_trend (demo company on the suite's demo day)", { timeout: 180_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startDemoHarness();
  });
  afterAll(async () => h.close());

  it("gives at every month end the DSO and outstanding get_receivables_summary gives as of that day", async () => {
    const trend = GetReceivablesTrendOutputSchema.parse((await h.client.callTool({ name: "get_receivables_trend", arguments: {} })).structuredContent);
    expect(trend.points.map((p) => p.date)).toEqual([
      "2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
      "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-25",
    ]);
    expect(trend.points[11]!.label).toBe("nov. 2026");
    for (const point of trend.points) {
      const summary = GetReceivablesSummaryOutputSchema.parse((await h.client.callTool({ name: "get_receivables_summary", arguments: { asOf: point.date } })).structuredContent);
      const dso = summary.kpis.find((k) => k.code === "dso")!;
      expect([point.date, point.outstanding, point.revenue, point.dsoDays]).toEqual([point.date, summary.dso.outstanding, summary.dso.revenue, dso.value]);
    }
    expect(trend.points.some((p) => p.dsoDays !== null && p.outstanding !== "0.00")).toBe(true);
  });

  it("sums the month's payments received", async () => {
    const trend = GetReceivablesTrendOutputSchema.parse((await h.client.callTool({ name: "get_receivables_trend", arguments: { months: 3 } })).structuredContent);
    expect(trend.points).toHaveLength(3);
    const collected = await h.opened.db.execute(
      // the reference: the payments table itself, month by month
      (await import("drizzle-orm")).sql`select to_char(received_on, 'YYYY-MM') as month, sum(amount)::text as total from payments where received_on between '2026-09-01' and ${TODAY} group by 1 order by 1`,
    );
    const rows = ((collected as { rows?: { month: string; total: string }[] }).rows ?? (collected as unknown as { month: string; total: string }[])).map((r) => [r.month, r.total]);
    const byMonth = new Map(rows as [string, string][]);
    for (const p of trend.points) expect(p.collected).toBe(byMonth.get(p.monthStart.slice(0, 7)) ?? "0.00");
  });
});
