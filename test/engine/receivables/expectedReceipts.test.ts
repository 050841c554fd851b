import { describe, expect, it } from "vitest";
import { toAmountString } from "../../../engine/money/money.js";
import { expectedReceipts, forecastWeeks } from "../../../engine/receivables/expectedReceipts.js";
import { receivablesAsOf } from "../../../engine/receivables/receivablesAsOf.js";
import { inv, pay } from "./fixtures.js";

const ASOF = "2026-11-25"; // a Wednesday

describe("forecastWeeks", () => {
  it("starts on the as-of date, ends the first week on Sunday, then runs Monday to Sunday", () => {
    const weeks = forecastWeeks(ASOF, 3);
    expect(weeks).toEqual([
      { index: 1, from: "2026-11-25", to: "2026-11-29" },
      { index: 2, from: "2026-11-30", to: "2026-12-06" },
      { index: 3, from: "2026-12-07", to: "2026-12-13" },
    ]);
  });

  it("gives a full first week when the as-of date is a Monday", () => {
    expect(forecastWeeks("2026-11-30", 1)).toEqual([{ index: 1, from: "2026-11-30", to: "2026-12-06" }]);
  });
});

describe("expectedReceipts", () => {
  const docs = [
    inv("1", { clientId: "acme", issueDate: "2026-11-01", dueDate: "2026-12-01", amountDue: "1200.00" }), // + 10 days → 2026-12-11 : week 3
    inv("2", { clientId: "kiwi", issueDate: "2026-11-10", dueDate: "2026-11-26", amountDue: "600.00" }), // no history → due date : week 1
    inv("3", { clientId: "acme", issueDate: "2026-10-01", dueDate: "2026-11-05", amountDue: "900.00" }), // 2026-11-15 < asOf : past
    inv("4", { clientId: "acme", issueDate: "2026-11-20", dueDate: "2027-03-01", amountDue: "300.00" }), // after week 8 : later
    inv("5", { clientId: "kiwi", issueDate: "2026-10-20", dueDate: "2026-11-20", amountDue: "500.00", disputed: true }), // disputed
    inv("6", { clientId: "kiwi", issueDate: "2026-10-20", dueDate: "2026-11-20", amountDue: "700.00" }), // paid : nothing
  ];
  const receivables = receivablesAsOf(docs, [pay("6", "700.00", "2026-11-21"), pay("1", "200.00", "2026-11-20")], ASOF);
  const delays = new Map([["acme", { clientId: "acme", days: 10, basedOn: 4 }]]);

  it("shifts each due date by the client's observed delay and sums the outstanding per week", () => {
    const r = expectedReceipts(receivables, delays, ASOF);
    expect(r.weeks).toHaveLength(8);
    expect(r.weeks.map((w) => [w.index, toAmountString(w.amount), w.count])).toEqual([
      [1, "600.00", 1],
      [2, "0.00", 0],
      [3, "1000.00", 1],
      [4, "0.00", 0],
      [5, "0.00", 0],
      [6, "0.00", 0],
      [7, "0.00", 0],
      [8, "0.00", 0],
    ]);
    expect(r.invoices.find((i) => i.invoiceId === "1")).toMatchObject({ delayDays: 10, expectedOn: "2026-12-11", bucket: "week", week: 3 });
    expect(r.invoices.find((i) => i.invoiceId === "2")).toMatchObject({ delayDays: 0, expectedOn: "2026-11-26", week: 1 });
  });

  it("puts what is late even by the client's habits in past, beyond week 8 in later, disputed invoices apart", () => {
    const r = expectedReceipts(receivables, delays, ASOF);
    expect([toAmountString(r.past.amount), r.past.count]).toEqual(["900.00", 1]);
    expect([toAmountString(r.later.amount), r.later.count]).toEqual(["300.00", 1]);
    expect([toAmountString(r.disputed.amount), r.disputed.count]).toEqual(["500.00", 1]);
    expect(r.invoices.map((i) => i.invoiceId).sort()).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("accounts for every open euro exactly once", () => {
    const r = expectedReceipts(receivables, delays, ASOF);
    const buckets = [...r.weeks, r.past, r.later, r.disputed].reduce((acc, c) => acc.plus(c.amount), r.past.amount.times(0));
    const open = receivables.reduce((acc, x) => acc.plus(x.outstanding), r.past.amount.times(0));
    expect(toAmountString(buckets)).toBe(toAmountString(open));
  });
});
