import { describe, expect, it } from "vitest";
import { addDays } from "../../../engine/dates/plainDate.js";
import { toAmountString } from "../../../engine/money/money.js";
import { agingBucketOf, agingReport } from "../../../engine/receivables/agingReport.js";
import { receivablesAsOf } from "../../../engine/receivables/receivablesAsOf.js";
import { inv, pay } from "./fixtures.js";

describe("agingBucketOf", () => {
  it.each([
    [-3, "not_due"],
    [0, "not_due"],
    [1, "d1_30"],
    [30, "d1_30"],
    [31, "d31_60"],
    [60, "d31_60"],
    [61, "d61_90"],
    [90, "d61_90"],
    [91, "over_90"],
    [400, "over_90"],
  ] as const)("puts %i days overdue in %s", (days, bucket) => {
    expect(agingBucketOf(days)).toBe(bucket);
  });
});

describe("agingReport", () => {
  const asOf = "2026-06-30";
  /** An invoice exactly `late` days overdue on `asOf`. */
  const lateBy = (id: string, late: number, amount: string, clientId = "acme", clientName = "Acme") =>
    inv(id, { issueDate: "2026-01-01", dueDate: addDays(asOf, -late), amountDue: amount, clientId, clientName });

  it("sums amounts and counts per bucket at each boundary, overall and per client", () => {
    const docs = [
      lateBy("a", 0, "100.00"),
      lateBy("b", 30, "200.00"),
      lateBy("c", 31, "300.00", "beta", "Bêta"),
      lateBy("d", 60, "400.00", "beta", "Bêta"),
      lateBy("e", 61, "500.00"),
      lateBy("f", 90, "600.00"),
      lateBy("g", 91, "700.10"),
      lateBy("h", 1, "0.01", "beta", "Bêta"),
    ];
    const report = agingReport(receivablesAsOf(docs, [], asOf));
    const cells = (row: typeof report.overall) => Object.fromEntries(Object.entries(row.buckets).map(([k, c]) => [k, [toAmountString(c.amount), c.count]]));
    expect(cells(report.overall)).toEqual({
      not_due: ["100.00", 1],
      d1_30: ["200.01", 2],
      d31_60: ["700.00", 2],
      d61_90: ["1100.00", 2],
      over_90: ["700.10", 1],
    });
    expect(toAmountString(report.overall.total.amount)).toBe("2800.11");
    expect(report.overall.total.count).toBe(8);
    expect(report.byClient.map((c) => [c.clientName, toAmountString(c.total.amount), c.total.count])).toEqual([
      ["Acme", "2100.10", 5],
      ["Bêta", "700.01", 3],
    ]);
    const beta = report.byClient[1];
    expect(beta && cells(beta)).toEqual({ not_due: ["0.00", 0], d1_30: ["0.01", 1], d31_60: ["700.00", 2], d61_90: ["0.00", 0], over_90: ["0.00", 0] });
  });

  it("leaves out paid invoices and ages the outstanding part of partially paid ones", () => {
    const docs = [lateBy("a", 45, "1000.00"), lateBy("b", 10, "500.00")];
    const report = agingReport(receivablesAsOf(docs, [pay("a", "400.00", "2026-06-01"), pay("b", "500.00", "2026-06-01")], asOf));
    expect(toAmountString(report.overall.buckets.d31_60.amount)).toBe("600.00");
    expect(report.overall.buckets.d1_30.count).toBe(0);
    expect(report.overall.total.count).toBe(1);
  });

  it("counts disputed invoices in their bucket and reports them apart as well", () => {
    const report = agingReport(receivablesAsOf([lateBy("a", 45, "1000.00"), { ...lateBy("b", 10, "250.00"), disputed: true }], [], asOf));
    expect(toAmountString(report.overall.total.amount)).toBe("1250.00");
    expect(toAmountString(report.overall.disputed.amount)).toBe("250.00");
    expect(report.overall.disputed.count).toBe(1);
  });

  it("is empty when nothing is outstanding", () => {
    const report = agingReport([]);
    expect(report.byClient).toEqual([]);
    expect(toAmountString(report.overall.total.amount)).toBe("0.00");
  });
});
