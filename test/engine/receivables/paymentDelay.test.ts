import { describe, expect, it } from "vitest";
import { Decimal } from "../../../engine/money/money.js";
import { paymentDelayFacts, paymentDelayOf } from "../../../engine/receivables/paymentDelay.js";

const paid = (amount: string, dueDate: string, date: string, clientId = "acme") => ({ clientId, amount: new Decimal(amount), dueDate, date });

describe("paymentDelayOf", () => {
  it("weighs each payment's days late by its amount: (9 000 × 20 + 1 000 × 0) / 10 000 = 18 days", () => {
    const [facts] = paymentDelayFacts([paid("9000.00", "2026-01-31", "2026-02-20"), paid("1000.00", "2026-02-28", "2026-02-28")]);
    expect(facts!.amountDays.toString()).toBe("180000");
    expect(paymentDelayOf(facts!)).toEqual({ clientId: "acme", days: 18, basedOn: 2 });
  });

  it("rounds to the day, half away from zero, and keeps early payers negative", () => {
    // (1 × 3 + 1 × 2) / 2 = 2.5 → 3 ; paid 4 and 5 days early → −4.5 → −5
    const [late] = paymentDelayFacts([paid("100.00", "2026-01-10", "2026-01-13"), paid("100.00", "2026-01-10", "2026-01-12")]);
    expect(paymentDelayOf(late!).days).toBe(3);
    const [early] = paymentDelayFacts([paid("100.00", "2026-01-10", "2026-01-06"), paid("100.00", "2026-01-10", "2026-01-05")]);
    expect(paymentDelayOf(early!).days).toBe(-5);
  });

  it("is 0 days based on nothing for a client without payments", () => {
    expect(paymentDelayOf({ clientId: "kiwi", amount: new Decimal(0), amountDays: new Decimal(0), count: 0 })).toEqual({ clientId: "kiwi", days: 0, basedOn: 0 });
  });

  it("keeps clients apart", () => {
    const facts = paymentDelayFacts([paid("100.00", "2026-01-10", "2026-01-20", "a"), paid("100.00", "2026-01-10", "2026-01-10", "b")]);
    expect(facts.map(paymentDelayOf).map((d) => [d.clientId, d.days])).toEqual([["a", 10], ["b", 0]]);
  });
});
