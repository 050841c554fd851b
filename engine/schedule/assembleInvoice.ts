import type { IsoDate } from "../dates/plainDate.js";
import type { InvoiceKind } from "../invoice/invoiceDocument.js";
import { Decimal, sum } from "../money/money.js";
import { dueDate, type PaymentTerms } from "../terms/paymentTerms.js";
import { vatOf } from "../vat/vatBreakdown.js";
import type { ScheduleInvoice, ScheduleLine } from "./scheduleInvoice.js";

/**
 * Rules 7, 8 and 10: net = sum of the (already rounded) line nets; VAT once on the net, rounded
 * half away from zero; amount due = net + VAT; kind `credit_note` when the net is negative,
 * `deposit` when every item on it is deductible, `invoice` otherwise; due date from the terms.
 */
export function assembleInvoice(params: {
  readonly date: IsoDate;
  readonly lines: readonly ScheduleLine[];
  readonly itemIndexes: readonly number[];
  readonly allDeductible: boolean;
  readonly closing: boolean;
  readonly vatRate: string;
  readonly paymentTerms: PaymentTerms;
}): ScheduleInvoice {
  const netAmount = sum(params.lines.map((l) => l.net));
  const vatAmount = vatOf(netAmount, new Decimal(params.vatRate));
  const kind: InvoiceKind = netAmount.isNegative() && !netAmount.isZero() ? "credit_note" : params.allDeductible ? "deposit" : "invoice";
  return {
    kind,
    date: params.date,
    dueDate: dueDate(params.date, params.paymentTerms),
    lines: params.lines,
    netAmount,
    vatAmount,
    amountDue: netAmount.plus(vatAmount),
    itemIndexes: params.itemIndexes,
    closing: params.closing,
  };
}
