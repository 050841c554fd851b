import { describe, expect, it } from "vitest";
import { toAmountString, toFixedString } from "../../../engine/money/money.js";
import { DSO_DISPLAY_PLACES, daysSalesOutstanding } from "../../../engine/receivables/daysSalesOutstanding.js";
import { lastDays } from "../../../engine/receivables/reportingPeriod.js";
import { inv, pay, workedExample } from "./fixtures.js";

/*
 * Worked example (numbers by hand). As of 2026-03-31, period = the last 90 days = 2026-01-01 … 2026-03-31
 * (31 + 28 + 31 = 90 days).
 *   F1 issued 2025-12-15, 12 000.00 TTC, paid in full on 2026-01-20      → outside the period, outstanding 0
 *   F2 issued 2026-01-10, 36 000.00 TTC, paid in full on 2026-02-15      → revenue 36 000, outstanding 0
 *   F3 issued 2026-02-10, 24 000.00 TTC, 12 000.00 paid on 2026-03-20    → revenue 24 000, outstanding 12 000
 *   F4 issued 2026-03-15, 32 400.00 TTC, nothing paid                   → revenue 32 400
 *   AV1 issued 2026-03-20, credit note −2 400.00 on F4                  → revenue −2 400, F4 outstanding 30 000
 * Revenue TTC of the period = 36 000 + 24 000 + 32 400 − 2 400 = 90 000.00
 * Outstanding at 2026-03-31 = 12 000 + 30 000 = 42 000.00
 * DSO = 42 000 / 90 000 × 90 = 42 days.
 */


describe("daysSalesOutstanding", () => {
  it("computes the worked example: 42 000 / 90 000 × 90 = 42 days", () => {
    const period = lastDays("2026-03-31");
    expect(period).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    const dso = daysSalesOutstanding(workedExample.documents, workedExample.allocations, period);
    expect(toAmountString(dso.revenue)).toBe("90000.00");
    expect(toAmountString(dso.outstanding)).toBe("42000.00");
    expect(dso.periodDays).toBe(90);
    expect(dso.days?.toString()).toBe("42");
  });

  it("keeps the exact ratio and displays it with one decimal: 1 000 / 2 700 × 90 = 33.3 days", () => {
    // 1 000 / 2 700 × 90 = 33.333… days.
    const docs = [inv("1", { issueDate: "2026-03-01", dueDate: "2026-04-30", amountDue: "2700.00" })];
    const dso = daysSalesOutstanding(docs, [pay("1", "1700.00", "2026-03-10")], lastDays("2026-03-31"));
    expect(dso.days && toFixedString(dso.days, DSO_DISPLAY_PLACES)).toBe("33.3");
    expect(dso.days?.greaterThan("33.33")).toBe(true);
  });

  it("is zero when everything invoiced was collected", () => {
    const docs = [inv("1", { issueDate: "2026-03-01", amountDue: "500.00" })];
    expect(daysSalesOutstanding(docs, [pay("1", "500.00", "2026-03-05")], lastDays("2026-03-31")).days?.isZero()).toBe(true);
  });

  it("is null when nothing was invoiced over the period", () => {
    const docs = [inv("1", { issueDate: "2025-06-01", dueDate: "2025-07-01", amountDue: "500.00" })];
    const dso = daysSalesOutstanding(docs, [], lastDays("2026-03-31"));
    expect(dso.days).toBeNull();
    expect(toAmountString(dso.outstanding)).toBe("500.00");
  });

  it("uses the length of a custom period: 30 days", () => {
    // 600 outstanding / 1 800 invoiced over 30 days × 30 = 10 days.
    const docs = [inv("1", { issueDate: "2026-03-10", dueDate: "2026-04-09", amountDue: "1800.00" })];
    const dso = daysSalesOutstanding(docs, [pay("1", "1200.00", "2026-03-20")], lastDays("2026-03-31", 30));
    expect(dso.periodDays).toBe(30);
    expect(dso.days?.toString()).toBe("10");
  });
});
