import { daysBetween, type IsoDate } from "../dates/plainDate.js";
import { Decimal } from "../money/money.js";

/** An issued invoice and the day its schedule item fired (the trigger: milestone reached, month end, signature…). */
export interface TriggeredInvoice {
  readonly invoiceId: string;
  readonly triggeredOn: IsoDate;
  readonly issuedOn: IsoDate;
}

export interface InvoicingDelay {
  /** Mean of (issue date − trigger date) in days, unrounded; null without any invoice. */
  readonly averageDays: Decimal | null;
  readonly invoiceCount: number;
  /** The longest wait, in days (0 without any invoice). */
  readonly maxDays: number;
}

/**
 * How long the billing waits after the work allows it: the mean number of days from each invoice's
 * trigger to its issue (an invoice issued before its trigger — an advance — counts 0). Pure.
 */
export function invoicingDelay(invoices: readonly TriggeredInvoice[]): InvoicingDelay {
  if (invoices.length === 0) return { averageDays: null, invoiceCount: 0, maxDays: 0 };
  const days = invoices.map((i) => Math.max(0, daysBetween(i.triggeredOn, i.issuedOn)));
  const total = days.reduce((a, b) => a + b, 0);
  return { averageDays: new Decimal(total).dividedBy(days.length), invoiceCount: days.length, maxDays: Math.max(...days) };
}
