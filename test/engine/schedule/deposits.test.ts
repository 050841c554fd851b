import { describe, expect, it } from "vitest";
import { Decimal, toAmountString } from "../../../engine/money/money.js";
import { assembleInvoice } from "../../../engine/schedule/assembleInvoice.js";
import { deductionLines } from "../../../engine/schedule/deposits.js";

const invoiceOf = (date: string, net: string, allDeductible: boolean) =>
  assembleInvoice({
    date,
    lines: [{ label: "x", quantity: new Decimal(1), unitPrice: new Decimal(net), net: new Decimal(net), source: { type: "item", itemIndex: 0 } }],
    itemIndexes: [0],
    allDeductible,
    closing: false,
    vatRate: "20",
    paymentTerms: { days: 30, endOfMonth: false },
  });

describe("deductionLines", () => {
  it("deducts each earlier deposit invoice for its net, one negative line each, and nothing else", () => {
    const lines = deductionLines([invoiceOf("2026-01-05", "375.00", true), invoiceOf("2026-01-10", "100.00", false), invoiceOf("2026-02-01", "50.00", true)]);
    expect(lines.map((l) => [toAmountString(l.net), l.source])).toEqual([
      ["-375.00", { type: "deduction", invoiceIndex: 0, depositDate: "2026-01-05" }],
      ["-50.00", { type: "deduction", invoiceIndex: 2, depositDate: "2026-02-01" }],
    ]);
    expect(lines[0]?.label).toBe("Déduction de l'acompte du 05/01/2026");
  });
});

describe("assembleInvoice", () => {
  it("computes VAT once on the net, half away from zero, and the due date from the terms", () => {
    const invoice = assembleInvoice({
      date: "2026-01-31",
      lines: [{ label: "x", quantity: new Decimal(1), unitPrice: new Decimal("12.35"), net: new Decimal("12.35"), source: { type: "item", itemIndex: 0 } }],
      itemIndexes: [0],
      allDeductible: false,
      closing: false,
      vatRate: "10",
      paymentTerms: { days: 45, endOfMonth: true },
    });
    expect([invoice.kind, toAmountString(invoice.vatAmount), toAmountString(invoice.amountDue), invoice.dueDate]).toEqual(["invoice", "1.24", "13.59", "2026-03-31"]);
  });

  it("is a credit note when the net is negative, even if every item is deductible", () => {
    expect(invoiceOf("2026-01-05", "-12.35", true).kind).toBe("credit_note");
    expect(toAmountString(invoiceOf("2026-01-05", "-0.05", false).vatAmount)).toBe("-0.01");
  });
});
