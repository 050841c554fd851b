import type { IsoDate } from "../dates/plainDate.js";
import { type Decimal, HUNDRED, ZERO, sum } from "../money/money.js";
import type { InvoiceReceivable } from "./invoiceReceivable.js";
import type { PaymentAllocation, ReceivableDocument } from "./receivableDocument.js";
import { receivablesAsOf } from "./receivablesAsOf.js";
import { inPeriod, type ReportingPeriod } from "./reportingPeriod.js";

export interface RecoveryRateResult {
  /** Percent, unrounded (display with `RATE_DISPLAY_PLACES`); `null` when nothing fell due in the period. */
  readonly percent: Decimal | null;
  /** Collected on those invoices by the as-of date (capped, per invoice, at what was due). */
  readonly collected: Decimal;
  /** Due on the invoices whose due date is in the period, credit notes deducted. */
  readonly due: Decimal;
  readonly invoiceCount: number;
}

/** Percentages are displayed with one decimal ("96.4 %"); alerts compare the unrounded value. */
export const RATE_DISPLAY_PLACES = 1;

/**
 * Recovery rate (taux de recouvrement) over a period:
 *
 *     rate = Σ collected ÷ Σ due × 100
 *
 * over the invoices and deposit invoices whose DUE DATE falls in the period (both ends inclusive).
 * `due` is each invoice's TTC minus its credit notes issued by `asOf`; `collected` is what was
 * allocated to it by `asOf` (default: the end of the period), capped at `due` so an overpayment never
 * lifts the rate above 100 %. Disputed invoices count.
 */
export function recoveryRate(
  documents: readonly ReceivableDocument[],
  allocations: readonly PaymentAllocation[],
  period: ReportingPeriod,
  asOf: IsoDate = period.to,
): RecoveryRateResult {
  return recoveryRateOf(receivablesAsOf(documents, allocations, asOf), period);
}

/**
 * The recovery rate of `recoveryRate` from receivables already computed as of the chosen date; only
 * those whose due date falls in the period count.
 */
export function recoveryRateOf(receivables: readonly InvoiceReceivable[], period: ReportingPeriod): RecoveryRateResult {
  const inScope = receivables.filter((r) => inPeriod(r.dueDate, period));
  const dues = inScope.map((r) => atLeastZero(r.amountDue.minus(r.credited)));
  const due = sum(dues);
  const collected = sum(inScope.map((r, i) => smaller(r.paid, dues[i] ?? ZERO)));
  return {
    percent: due.greaterThan(ZERO) ? collected.times(HUNDRED).dividedBy(due) : null,
    collected,
    due,
    invoiceCount: inScope.length,
  };
}

function atLeastZero(value: Decimal): Decimal {
  return value.isNegative() ? ZERO : value;
}

function smaller(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}
