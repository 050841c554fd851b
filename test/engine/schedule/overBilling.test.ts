import { describe, expect, it } from "vitest";
import { RuleError } from "../../../engine/errors.js";
import { Decimal } from "../../../engine/money/money.js";
import { assembleInvoice } from "../../../engine/schedule/assembleInvoice.js";
import { overBillingError } from "../../../engine/schedule/overBilling.js";
import type { ScheduleLine } from "../../../engine/schedule/scheduleInvoice.js";

const line = (net: string, itemIndex: number): ScheduleLine => ({ label: "x", quantity: new Decimal(1), unitPrice: new Decimal(net), net: new Decimal(net), source: { type: "item", itemIndex } });
const deduction = (net: string): ScheduleLine => ({ label: "d", quantity: new Decimal(1), unitPrice: new Decimal(net), net: new Decimal(net), source: { type: "deduction", invoiceIndex: 0, depositDate: "2026-01-01" } });
const invoice = (lines: ScheduleLine[]) =>
  assembleInvoice({ date: "2026-03-20", lines, itemIndexes: [], allDeductible: false, closing: true, vatRate: "20", paymentTerms: { days: 30, endOfMonth: false } });

describe("overBillingError", () => {
  it("accepts billing exactly the price, deductions included", () => {
    expect(overBillingError(new Decimal(1500), new Decimal(375), invoice([line("1500", 1), deduction("-375")]))).toBeUndefined();
  });

  it("refuses one cent over the price, naming the item that tips it", () => {
    const error = overBillingError(new Decimal(1500), new Decimal(450), invoice([line("100", 1), line("950.01", 2), line("0", 3)]));
    expect(error).toBeInstanceOf(RuleError);
    expect(error?.field).toBe("schedule[2]");
    expect(error?.code).toBe("over_billing");
  });

  it("never refuses without a price (rate, per_action)", () => {
    expect(overBillingError(null, new Decimal(1e9), invoice([line("1000000", 0)]))).toBeUndefined();
  });
});
