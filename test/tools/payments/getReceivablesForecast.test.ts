import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPaymentDelayFacts } from "../../../db/repositories/paymentDelayFacts.js";
import { sql } from "drizzle-orm";
import { rowsOf } from "../../../db/database.js";
import { Decimal, sum, toAmountString, toDecimal } from "../../../engine/money/money.js";
import { paymentDelayFacts, paymentDelayOf } from "../../../engine/receivables/paymentDelay.js";
import { GetReceivablesForecastOutputSchema } from "../../../tools/payments/getReceivablesForecast.js";
import { GetReceivablesSummaryOutputSchema } from "../../../tools/payments/getReceivablesSummary.js";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";
import { startDemoHarness } from "../demoHarness.js";
import type { Harness } from "../harness.js";

const TODAY = DEMO_TODAY;

describe("get_receivables_forecast (demo company on the suite's demo day)", { timeout: 120_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startDemoHarness();
  });
  afterAll(async () => h.close());

  it("spreads every open euro of get_receivables_summary over the weeks, the past, later and disputed", async () => {
    const forecast = GetReceivablesForecastOutputSchema.parse((await h.client.callTool({ name: "get_receivables_forecast", arguments: {} })).structuredContent);
    const summary = GetReceivablesSummaryOutputSchema.parse((await h.client.callTool({ name: "get_receivables_summary", arguments: {} })).structuredContent);
    expect(forecast.weeks).toHaveLength(8);
    expect(forecast.weeks[0]).toMatchObject({ index: 1, from: "2026-11-25", to: "2026-11-29" });
    const cells = [...forecast.weeks, forecast.past, forecast.later, forecast.disputed];
    expect(toAmountString(sum(cells.map((c) => toDecimal(c.amount))))).toBe(summary.aging.overall.total.amount);
    expect(forecast.total.amount).toBe(summary.aging.overall.total.amount);
    expect(cells.reduce((n, c) => n + c.count, 0)).toBe(summary.aging.overall.total.count);
  });

  it("expects each invoice on its due date plus its client's observed delay", async () => {
    const forecast = GetReceivablesForecastOutputSchema.parse((await h.client.callTool({ name: "get_receivables_forecast", arguments: {} })).structuredContent);
    expect(forecast.invoices.length).toBeGreaterThan(0);
    for (const i of forecast.invoices) {
      const client = forecast.clients.find((c) => c.clientId === i.clientId)!;
      expect(i.delayDays).toBe(client.delayDays);
      const expected = new Date(Date.parse(`${i.dueDate}T00:00:00Z`) + i.delayDays * 86_400_000).toISOString().slice(0, 10);
      expect(i.expectedOn).toBe(expected);
    }
    // The demo's clients paid their settled invoices about nine days before the due date.
    expect(forecast.clients.some((c) => c.basedOn > 0 && c.delayDays < 0)).toBe(true);
    expect(forecast.method).toContain("délai de paiement observé");
  });

  it("sums the clients' payments in SQL exactly as the engine does from the raw allocations", async () => {
    const raw = rowsOf<{ client_id: number; amount: string; date: string; due_date: string }>(
      await h.opened.db.execute(sql`
        select i.client_id, a.amount::text as amount, coalesce(a.allocated_on, p.received_on)::text as date, i.due_date::text as due_date
        from payment_allocations a join payments p on p.id = a.payment_id join invoices i on i.id = a.invoice_id
        where i.kind <> 'credit_note' and coalesce(a.allocated_on, p.received_on) between '2025-11-26' and ${TODAY}`),
    );
    const reference = paymentDelayFacts(raw.map((r) => ({ clientId: String(r.client_id), amount: new Decimal(r.amount), date: r.date, dueDate: r.due_date })))
      .map(paymentDelayOf)
      .sort((a, b) => a.clientId.localeCompare(b.clientId));
    const stored = (await loadPaymentDelayFacts(h.opened.db, TODAY)).map(paymentDelayOf).sort((a, b) => a.clientId.localeCompare(b.clientId));
    expect(stored).toEqual(reference);
    expect(stored.length).toBeGreaterThan(0);
  });

  it("refuses a week count out of range, naming the field", async () => {
    const bad = await h.client.callTool({ name: "get_receivables_forecast", arguments: { weeks: 0 } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain("weeks");
  });
});
