import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, sum, toAmountString } from "../../../engine/money/money.js";
import type { ScheduleInvoice, ScheduleLine } from "../../../engine/schedule/scheduleInvoice.js";
import { compareWithInvoiced, type InvoicedItemLine } from "../../../tools/preparation/unbilledInvoices.js";

const itemLine = (itemIndex: number, net: string, label = `Échéance ${itemIndex}`): ScheduleLine => ({
  label,
  quantity: new Decimal(1),
  unitPrice: new Decimal(net),
  net: new Decimal(net),
  source: { type: "item", itemIndex },
});

const invoice = (date: string, lines: ScheduleLine[], kind: ScheduleInvoice["kind"] = "invoice"): ScheduleInvoice => {
  const netAmount = sum(lines.map((l) => l.net));
  return { kind, date, dueDate: date, lines, netAmount, vatAmount: new Decimal(0), amountDue: netAmount, itemIndexes: [], closing: false };
};

const stored = (invoiceId: number, itemIndex: number, net: string): InvoicedItemLine => ({ invoiceId, itemIndex, net: new Decimal(net) });

describe("compareWithInvoiced", () => {
  it("finds nothing due when every line is billed, and says which stored invoices cover each replay invoice", () => {
    const replay = [invoice("2026-01-31", [itemLine(0, "1300.00")]), invoice("2026-02-28", [itemLine(0, "650.00")])];
    const out = compareWithInvoiced(replay, [stored(7, 0, "1300.00"), stored(9, 0, "650.00")]);
    expect(out.due).toEqual([]);
    expect([...out.coveredBy.entries()].map(([k, v]) => [k, [...v]])).toEqual([
      [0, [7]],
      [1, [9]],
    ]);
  });

  it("keeps the later months of a recurring item due, in order", () => {
    const replay = [invoice("2026-01-31", [itemLine(0, "1300.00")]), invoice("2026-02-28", [itemLine(0, "650.00")])];
    const out = compareWithInvoiced(replay, [stored(7, 0, "1300.00")]);
    expect(out.due.map((d) => [d.triggeredOn, d.lines.map((l) => toAmountString(l.net))])).toEqual([["2026-02-28", ["650.00"]]]);
  });

  it("bills only the remainder of a partly invoiced line, as one line", () => {
    const out = compareWithInvoiced([invoice("2026-03-02", [itemLine(1, "7000.00", "Solde")])], [stored(3, 1, "2500.00")]);
    expect(out.due[0]?.lines.map((l) => [l.label, toAmountString(l.net)])).toEqual([["Solde (reste à facturer)", "4500.00"]]);
  });

  it("matches a decrease of progress only with stored credit lines of the same item", () => {
    const replay = [invoice("2026-03-01", [itemLine(0, "12000.00")]), invoice("2026-03-15", [itemLine(0, "-2000.00")], "credit_note")];
    expect(compareWithInvoiced(replay, [stored(1, 0, "12000.00")]).due.map((d) => [d.kind, d.lines.map((l) => toAmountString(l.net))])).toEqual([["credit_note", ["-2000.00"]]]);
    expect(compareWithInvoiced(replay, [stored(1, 0, "12000.00"), stored(2, 0, "-2000.00")]).due).toEqual([]);
  });

  it("never loses nor invents a cent: what is due plus what is covered is what the schedule billed", () => {
    const amounts = fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(amounts, fc.array(fc.integer({ min: 1, max: 500_000 }), { maxLength: 6 }), (replayCents, storedCents) => {
        const cents = (n: number) => new Decimal(n).dividedBy(100);
        const replay = replayCents.map((c, i) => invoice(`2026-01-${String(i + 1).padStart(2, "0")}`, [itemLine(0, toAmountString(cents(c)))]));
        const storedLines = storedCents.map((c, i) => ({ invoiceId: i + 1, itemIndex: 0, net: cents(c) }));
        const { due } = compareWithInvoiced(replay, storedLines);
        const dueTotal = sum(due.flatMap((d) => d.lines.map((l) => l.net)));
        const scheduled = sum(replayCents.map(cents));
        const covered = Decimal.min(scheduled, sum(storedCents.map(cents)));
        expect(dueTotal.plus(covered).equals(scheduled)).toBe(true);
      }),
    );
  });
});
