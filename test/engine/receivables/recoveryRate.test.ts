import { describe, expect, it } from "vitest";
import { toAmountString, toFixedString } from "../../../engine/money/money.js";
import { RATE_DISPLAY_PLACES, recoveryRate } from "../../../engine/receivables/recoveryRate.js";
import { lastDays } from "../../../engine/receivables/reportingPeriod.js";
import { avoir, inv, pay, workedExample } from "./fixtures.js";

describe("recoveryRate", () => {
  it("computes the rate over the invoices due in the period (worked example: 60 000 / 72 000 = 83.3 %)", () => {
    // Due in 2026-01-01 … 2026-03-31: F1 (due 01-14, 12 000, paid 12 000), F2 (due 02-09, 36 000, paid 36 000),
    // F3 (due 03-12, 24 000, paid 12 000). F4 falls due on 04-14: out of scope.
    // collected = 60 000, due = 72 000, rate = 83.333… %.
    const r = recoveryRate(workedExample.documents, workedExample.allocations, lastDays("2026-03-31"));
    expect(r.invoiceCount).toBe(3);
    expect(toAmountString(r.due)).toBe("72000.00");
    expect(toAmountString(r.collected)).toBe("60000.00");
    expect(r.percent && toFixedString(r.percent, RATE_DISPLAY_PLACES)).toBe("83.3");
  });

  it("caps an overpaid invoice at what was due, so the rate never exceeds 100 %", () => {
    const docs = [inv("1", { dueDate: "2026-03-01", amountDue: "100.00" }), inv("2", { dueDate: "2026-03-02", amountDue: "100.00" })];
    const r = recoveryRate(docs, [pay("1", "150.00", "2026-03-01"), pay("2", "50.00", "2026-03-01")], lastDays("2026-03-31"));
    expect(r.percent?.toString()).toBe("75");
  });

  it("deducts credit notes from what was due", () => {
    const docs = [inv("1", { dueDate: "2026-03-01", amountDue: "1000.00" }), avoir("c", "1", "200.00", "2026-02-15")];
    const r = recoveryRate(docs, [pay("1", "800.00", "2026-03-01")], lastDays("2026-03-31"));
    expect(toAmountString(r.due)).toBe("800.00");
    expect(r.percent?.toString()).toBe("100");
  });

  it("counts payments received up to the as-of date only", () => {
    const docs = [inv("1", { dueDate: "2026-03-01", amountDue: "1000.00" })];
    const allocations = [pay("1", "1000.00", "2026-04-02")];
    expect(recoveryRate(docs, allocations, lastDays("2026-03-31")).percent?.toString()).toBe("0");
    expect(recoveryRate(docs, allocations, lastDays("2026-03-31"), "2026-04-05").percent?.toString()).toBe("100");
  });

  it("is null when nothing fell due in the period", () => {
    expect(recoveryRate([inv("1", { dueDate: "2026-05-01" })], [], lastDays("2026-03-31")).percent).toBeNull();
  });
});
