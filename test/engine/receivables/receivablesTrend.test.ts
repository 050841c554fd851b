import { describe, expect, it } from "vitest";
import { Decimal, toAmountString, toFixedString } from "../../../engine/money/money.js";
import { daysSalesOutstanding } from "../../../engine/receivables/daysSalesOutstanding.js";
import { receivablesTrend, trendPoints, type InvoiceTimeline } from "../../../engine/receivables/receivablesTrend.js";
import { lastDays } from "../../../engine/receivables/reportingPeriod.js";
import { workedExample } from "./fixtures.js";

describe("trendPoints", () => {
  it("gives the 11 previous month ends then the as-of date", () => {
    const points = trendPoints("2026-11-25");
    expect(points).toHaveLength(12);
    expect(points[0]).toBe("2025-12-31");
    expect(points[1]).toBe("2026-01-31");
    expect(points[2]).toBe("2026-02-28");
    expect(points.slice(-2)).toEqual(["2026-10-31", "2026-11-25"]);
  });
});

describe("receivablesTrend", () => {
  // The DSO worked example as timelines: F3 12 000 paid 2026-03-20; F4 credited 2 400 on 2026-03-20.
  const timelines: InvoiceTimeline[] = workedExample.documents
    .filter((d) => d.kind !== "credit_note")
    .map((invoice) => ({
      invoice,
      movements: [
        ...workedExample.allocations.filter((a) => a.invoiceId === invoice.id).map((a) => ({ date: a.date, paid: a.amount, credited: new Decimal(0) })),
        ...workedExample.documents
          .filter((c) => c.kind === "credit_note" && c.correctsInvoiceId === invoice.id)
          .map((c) => ({ date: c.issueDate, paid: new Decimal(0), credited: c.amountDue.negated() })),
      ],
    }));
  const revenueByDay = workedExample.documents.map((d) => ({ date: d.issueDate, amount: d.amountDue }));
  const collectionsByDay = workedExample.allocations.map((a) => ({ date: a.date, amount: a.amount }));

  it("gives at each point the DSO daysSalesOutstanding computes as of that point", () => {
    const points = ["2026-01-31", "2026-02-28", "2026-03-31"];
    const trend = receivablesTrend(timelines, revenueByDay, collectionsByDay, points);
    for (const [i, point] of points.entries()) {
      const reference = daysSalesOutstanding(workedExample.documents, workedExample.allocations, lastDays(point));
      expect(toAmountString(trend[i]!.dso.outstanding)).toBe(toAmountString(reference.outstanding));
      expect(toAmountString(trend[i]!.dso.revenue)).toBe(toAmountString(reference.revenue));
      expect(trend[i]!.dso.days?.toString()).toBe(reference.days?.toString());
    }
    expect(toFixedString(trend[2]!.dso.days!, 1)).toBe("42.0"); // 42 000 / 90 000 × 90
  });

  it("sums the payments received in each point's month up to the point", () => {
    const trend = receivablesTrend(timelines, revenueByDay, collectionsByDay, ["2026-01-31", "2026-02-28", "2026-03-25"]);
    expect(trend.map((p) => [p.monthStart, toAmountString(p.collected)])).toEqual([
      ["2026-01-01", "12000.00"],
      ["2026-02-01", "36000.00"],
      ["2026-03-01", "12000.00"],
    ]);
  });

  it("gives the same figures whether movements are dated or pre-summed at the next point", () => {
    const points = ["2026-01-31", "2026-02-28", "2026-03-31"];
    const summed: InvoiceTimeline[] = timelines.map((t) => ({
      invoice: t.invoice,
      movements: t.movements.map((m) => ({ ...m, date: points.find((p) => m.date <= p)! })),
    }));
    const a = receivablesTrend(timelines, revenueByDay, collectionsByDay, points).map((p) => toAmountString(p.dso.outstanding));
    const b = receivablesTrend(summed, revenueByDay, collectionsByDay, points).map((p) => toAmountString(p.dso.outstanding));
    expect(b).toEqual(a);
  });
});
