import { addDays, type IsoDate, startOfMonth } from "../dates/plainDate.js";
import { type Decimal, ZERO } from "../money/money.js";
import { type DsoResult, dsoOf } from "./daysSalesOutstanding.js";
import { balanceOf } from "./invoiceReceivable.js";
import type { ReceivableDocument } from "./receivableDocument.js";
import { DEFAULT_PERIOD_DAYS, lastDays } from "./reportingPeriod.js";

export const DEFAULT_TREND_MONTHS = 12;

/** What was paid on, or credited to, one invoice up to a date (both positive). */
export interface InvoiceMovement {
  readonly date: IsoDate;
  readonly paid: Decimal;
  readonly credited: Decimal;
}

/**
 * An invoice (or deposit invoice) with its payments and credit notes over time. Movements may be
 * pre-summed per interval between two points and dated at the interval's end: only "on or before a
 * point" matters.
 */
export interface InvoiceTimeline {
  readonly invoice: ReceivableDocument;
  readonly movements: readonly InvoiceMovement[];
}

/** A sum per calendar day (revenue invoiced, payments received). */
export interface DailyAmount {
  readonly date: IsoDate;
  readonly amount: Decimal;
}

export interface TrendPoint {
  /** A month end, or the as-of date for the current month. */
  readonly date: IsoDate;
  /** First day of the point's month. */
  readonly monthStart: IsoDate;
  /** The DSO as of `date`, exactly as `get_receivables_summary` computes it as of that date. */
  readonly dso: DsoResult;
  /** Payments received from `monthStart` to `date`. */
  readonly collected: Decimal;
}

/** The points of a trend: the month ends of the `months − 1` months before the as-of date's month, then the as-of date. */
export function trendPoints(asOf: IsoDate, months: number = DEFAULT_TREND_MONTHS): IsoDate[] {
  if (!Number.isInteger(months) || months < 1) throw new RangeError("trendPoints: months must be a positive integer");
  const points: IsoDate[] = [asOf];
  let monthStart = startOfMonth(asOf);
  for (let i = 1; i < months; i++) {
    const previousEnd = addDays(monthStart, -1);
    points.unshift(previousEnd);
    monthStart = startOfMonth(previousEnd);
  }
  return points;
}

/**
 * DSO and collections over the last months, point by point: at each point the outstanding of every
 * invoice issued by then (`balanceOf` its payments and credit notes dated on or before the point),
 * the revenue TTC of the `periodDays` days ending there, hence the DSO (`dsoOf`, the summary's
 * formula), and the payments received in the point's month up to it. `timelines` must hold every
 * invoice with something outstanding at one point at least; `revenueByDay` every day of the periods,
 * `collectionsByDay` every day of the months. Pure.
 */
export function receivablesTrend(
  timelines: readonly InvoiceTimeline[],
  revenueByDay: readonly DailyAmount[],
  collectionsByDay: readonly DailyAmount[],
  points: readonly IsoDate[],
  periodDays: number = DEFAULT_PERIOD_DAYS,
): TrendPoint[] {
  const outstanding = points.map(() => ZERO);
  for (const { invoice, movements } of timelines) {
    if (invoice.kind === "credit_note") continue;
    const sorted = [...movements].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let paid = ZERO;
    let credited = ZERO;
    let next = 0;
    points.forEach((point, i) => {
      while (next < sorted.length && sorted[next]!.date <= point) {
        paid = paid.plus(sorted[next]!.paid);
        credited = credited.plus(sorted[next]!.credited);
        next += 1;
      }
      if (invoice.issueDate > point) return;
      const left = balanceOf(invoice.amountDue, paid, credited).outstanding;
      if (!left.isZero()) outstanding[i] = outstanding[i]!.plus(left);
    });
  }
  const sumBetween = (days: readonly DailyAmount[], from: IsoDate, to: IsoDate) =>
    days.reduce<Decimal>((acc, d) => (d.date >= from && d.date <= to ? acc.plus(d.amount) : acc), ZERO);
  return points.map((date, i) => {
    const period = lastDays(date, periodDays);
    const monthStart = startOfMonth(date);
    return {
      date,
      monthStart,
      dso: dsoOf(outstanding[i]!, sumBetween(revenueByDay, period.from, period.to), period),
      collected: sumBetween(collectionsByDay, monthStart, date),
    };
  });
}
