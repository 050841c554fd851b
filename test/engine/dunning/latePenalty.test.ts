import { describe, expect, it } from "vitest";
import { latePenalty, latePenaltyWire } from "../../../engine/dunning/latePenalty.js";
import { Decimal, toAmountString } from "../../../engine/money/money.js";

const d = (s: string) => new Decimal(s);
const base = { amountDue: d("10000.00"), dueDate: "2026-01-31", payments: [], annualRatePercent: d("12.15") };

describe("latePenalty", () => {
  it("charges outstanding × rate × days late / 365, rounded to the cent, plus the 40 € indemnity", () => {
    // 10 000.00 × 12.15 % × 45 / 365 = 149.7945… → 149.79
    const p = latePenalty(base, "2026-03-17");
    expect(p.daysLate).toBe(45);
    expect(toAmountString(p.penalty)).toBe("149.79");
    expect(toAmountString(p.indemnity)).toBe("40.00");
    expect(toAmountString(p.total)).toBe("189.79");
  });

  it("rounds half a cent away from zero", () => {
    // one day late: 365.00 × 10 % / 365 = 0.10 exactly; 1.00 × 36.5 % / 365 = 0.001 → 0.00; 5.00 × 36.5 % / 365 = 0.005 → 0.01
    expect(toAmountString(latePenalty({ ...base, amountDue: d("365.00"), annualRatePercent: d("10") }, "2026-02-01").penalty)).toBe("0.10");
    expect(toAmountString(latePenalty({ ...base, amountDue: d("1.00"), annualRatePercent: d("36.5") }, "2026-02-01").penalty)).toBe("0.00");
    expect(toAmountString(latePenalty({ ...base, amountDue: d("5.00"), annualRatePercent: d("36.5") }, "2026-02-01").penalty)).toBe("0.01");
  });

  it("charges nothing on or before the due date", () => {
    const p = latePenalty(base, "2026-01-31");
    expect(p.daysLate).toBe(0);
    expect(toAmountString(p.total)).toBe("0.00");
  });

  it("stops accruing on the part paid late from its payment date", () => {
    // 4 000 paid 10 days late, 6 000 still unpaid at 30 days:
    // (4 000 × 10 + 6 000 × 30) × 12 % / 365 = 220 000 × 0.12 / 365 = 72.3287… → 72.33
    const p = latePenalty({ ...base, annualRatePercent: d("12"), payments: [{ date: "2026-02-10", amount: d("4000.00") }] }, "2026-03-02");
    expect(p.daysLate).toBe(30);
    expect(toAmountString(p.outstanding)).toBe("6000.00");
    expect(toAmountString(p.penalty)).toBe("72.33");
    expect(toAmountString(p.indemnity)).toBe("40.00");
  });

  it("reduces the base by payments made on time, and ignores payments after the as-of date", () => {
    // 2 500 paid on the due date; 7 500 × 12 % × 30 / 365 = 73.97…; the payment of 03-05 is not yet known.
    const payments = [{ date: "2026-01-31", amount: d("2500.00") }, { date: "2026-03-05", amount: d("7500.00") }];
    expect(toAmountString(latePenalty({ ...base, annualRatePercent: d("12"), payments }, "2026-03-02").penalty)).toBe("73.97");
  });

  it("keeps the penalties and the indemnity of an invoice paid late", () => {
    // 10 000 paid 5 days late: 10 000 × 12 % × 5 / 365 = 16.438… → 16.44
    const p = latePenalty({ ...base, annualRatePercent: d("12"), payments: [{ date: "2026-02-05", amount: d("10000.00") }] }, "2026-03-31");
    expect(toAmountString(p.penalty)).toBe("16.44");
    expect(toAmountString(p.indemnity)).toBe("40.00");
    expect(toAmountString(p.outstanding)).toBe("0.00");
  });
});

describe("latePenaltyWire", () => {
  it("computes from decimal strings and answers in decimal strings", () => {
    expect(latePenaltyWire({ amountDue: "10000.00", dueDate: "2026-01-31", annualRatePercent: "12.15", asOf: "2026-03-17" })).toEqual({
      daysLate: 45,
      outstanding: "10000.00",
      penalty: "149.79",
      indemnity: "40.00",
      total: "189.79",
    });
  });

  it("refuses a number where an amount string is expected, naming the field", () => {
    expect(() => latePenaltyWire({ amountDue: 10000, dueDate: "2026-01-31", annualRatePercent: "12", asOf: "2026-03-17" })).toThrow(/^amountDue : /);
    expect(() => latePenaltyWire({ amountDue: "1.00", dueDate: "2026-02-30", annualRatePercent: "12", asOf: "2026-03-17" })).toThrow(/^dueDate : /);
  });
});
