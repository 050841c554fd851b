import { type Decimal, sum } from "../money/money.js";
import type { ReceivableDocument } from "./receivableDocument.js";
import { inPeriod, type ReportingPeriod } from "./reportingPeriod.js";

/**
 * Revenue TTC invoiced over the period: the amounts due of the invoices, deposit invoices and credit
 * notes (negative) issued within it. A final invoice already deducts its deposits, so nothing is
 * counted twice.
 */
export function invoicedRevenue(documents: readonly ReceivableDocument[], period: ReportingPeriod): Decimal {
  return sum(documents.filter((d) => inPeriod(d.issueDate, period)).map((d) => d.amountDue));
}
