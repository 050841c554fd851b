import { describe, expect, it } from "vitest";
import { toAmountString } from "../../../engine/money/money.js";
import { agingReport } from "../../../engine/receivables/agingReport.js";
import { overdueBeyond } from "../../../engine/receivables/overdueBeyond.js";
import { receivablesAsOf } from "../../../engine/receivables/receivablesAsOf.js";
import { inv } from "./fixtures.js";

describe("overdueBeyond", () => {
  it("sums the overdue outstanding beyond 30, 60 and 90 days, cumulatively (day 30 is not beyond 30)", () => {
    const asOf = "2026-06-30";
    const late = (id: string, days: number, amount: string) => {
      const due = new Date(Date.UTC(2026, 5, 30 - days)).toISOString().slice(0, 10);
      return inv(id, { issueDate: "2026-01-01", dueDate: due, amountDue: amount });
    };
    const docs = [late("a", 30, "100.00"), late("b", 31, "200.00"), late("c", 61, "400.00"), late("d", 91, "800.00"), late("e", 0, "1600.00")];
    const beyond = overdueBeyond(agingReport(receivablesAsOf(docs, [], asOf)).overall);
    expect(beyond.map((b) => [b.days, toAmountString(b.amount), b.count])).toEqual([
      [30, "1400.00", 3],
      [60, "1200.00", 2],
      [90, "800.00", 1],
    ]);
  });
});
