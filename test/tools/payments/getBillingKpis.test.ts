import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toAmountString, toDecimal } from "../../../engine/money/money.js";
import { GetBillingKpisOutputSchema } from "../../../tools/payments/getBillingKpis.js";
import { GetReceivablesSummaryOutputSchema } from "../../../tools/payments/getReceivablesSummary.js";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";
import { startDemoHarness } from "../demoHarness.js";
import type { Harness } from "../harness.js";

const TODAY = DEMO_TODAY;

describe("get_billing_kpis (demo company on the suite's demo day)", { timeout: 120_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startDemoHarness();
  });
  afterAll(async () => h.close());

  it("gives the overdue outstanding beyond 30, 60 and 90 days from the summary's aging buckets", async () => {
    const kpis = GetBillingKpisOutputSchema.parse((await h.client.callTool({ name: "get_billing_kpis", arguments: {} })).structuredContent);
    const { buckets } = GetReceivablesSummaryOutputSchema.parse((await h.client.callTool({ name: "get_receivables_summary", arguments: {} })).structuredContent).aging.overall;
    const add = (...cells: { amount: string }[]) => toAmountString(cells.reduce((acc, c) => acc.plus(toDecimal(c.amount)), toDecimal("0")));
    expect(kpis.overdueBeyond.map((b) => [b.days, b.amount])).toEqual([
      [30, add(buckets.d31_60, buckets.d61_90, buckets.over_90)],
      [60, add(buckets.d61_90, buckets.over_90)],
      [90, add(buckets.over_90)],
    ]);
    // The demo has invoices 40 and 70 days late.
    expect(kpis.overdueBeyond[0]!.count).toBe(2);
    expect(kpis.overdueBeyond[1]!.count).toBe(1);
  });

  it("measures the days from trigger to issue on the demo's schedule invoices, and the reminders' origin", async () => {
    const kpis = GetBillingKpisOutputSchema.parse((await h.client.callTool({ name: "get_billing_kpis", arguments: { periodDays: 365 } })).structuredContent);
    expect(kpis.period).toEqual({ from: "2025-11-26", to: TODAY, days: 365 });
    expect(kpis.triggerToIssue.invoiceCount).toBeGreaterThan(0);
    expect(kpis.triggerToIssue.averageDays).not.toBeNull();
    expect(kpis.reminders.automatic + kpis.reminders.manual).toBeGreaterThan(0);
    expect(toDecimal(kpis.reminders.automaticPercent!).plus(toDecimal(kpis.reminders.manualPercent!)).toString()).toBe("100");
  });
});
