import { type Decimal, ZERO, sum } from "../money/money.js";
import { invoicedRevenue } from "./invoicedRevenue.js";
import type { PaymentAllocation, ReceivableDocument } from "./receivableDocument.js";
import { receivablesAsOf } from "./receivablesAsOf.js";
import { periodLength, type ReportingPeriod } from "./reportingPeriod.js";

export interface DsoResult {
  /**
   * DSO in days, unrounded (display it with `DSO_DISPLAY_PLACES`); `null` when nothing (or a net
   * negative amount) was invoiced over the period, where the ratio has no meaning.
   */
  readonly days: Decimal | null;
  /** Outstanding receivables at the end of the period (TTC, all open invoices, disputed ones included). */
  readonly outstanding: Decimal;
  /** Revenue TTC invoiced over the period (credit notes deducted). */
  readonly revenue: Decimal;
  /** Length of the period in days (both ends included). */
  readonly periodDays: number;
}

/** DSO is displayed with one decimal (e.g. "32.5 jours"); alerts compare the unrounded value. */
export const DSO_DISPLAY_PLACES = 1;

/**
 * Days Sales Outstanding, standard accounting method (délai moyen de paiement clients):
 *
 *     DSO = outstanding receivables TTC at the end of the period
 *           ÷ revenue TTC invoiced over the period
 *           × number of days of the period
 *
 * - the period is inclusive at both ends, 90 days ending on the as-of date by default (`lastDays`);
 * - outstanding = Σ outstanding of every invoice and deposit invoice issued on or before the end of
 *   the period (whenever issued), after payments received and credit notes issued by that date;
 * - revenue = Σ TTC of the invoices, deposits and credit notes (negative) issued within the period;
 * - TTC on both sides, because receivables are TTC.
 * Example: 30 000 € outstanding on 31 March, 90 000 € invoiced from 1 January to 31 March (90 days):
 * DSO = 30 000 / 90 000 × 90 = 30 days.
 */
export function daysSalesOutstanding(
  documents: readonly ReceivableDocument[],
  allocations: readonly PaymentAllocation[],
  period: ReportingPeriod,
): DsoResult {
  const outstanding = sum(receivablesAsOf(documents, allocations, period.to).map((r) => r.outstanding));
  return dsoOf(outstanding, invoicedRevenue(documents, period), period);
}

/**
 * The DSO formula of `daysSalesOutstanding` from its two sums, when they are already known (the
 * outstanding at the end of the period and the revenue TTC invoiced over it).
 */
export function dsoOf(outstanding: Decimal, revenue: Decimal, period: ReportingPeriod): DsoResult {
  const periodDays = periodLength(period);
  const days = revenue.greaterThan(ZERO) ? outstanding.times(periodDays).dividedBy(revenue) : null;
  return { days, outstanding, revenue, periodDays };
}
