import { addDays, daysBetween, type IsoDate } from "../dates/plainDate.js";
import { type Decimal, ZERO } from "../money/money.js";
import type { InvoiceReceivable } from "./invoiceReceivable.js";
import type { ClientPaymentDelay } from "./paymentDelay.js";

export const DEFAULT_FORECAST_WEEKS = 8;

/** Where an open invoice's expected receipt falls. */
export type ExpectedReceiptBucket = "past" | "week" | "later" | "disputed";

export interface ExpectedReceipt {
  readonly invoiceId: string;
  readonly number: string;
  readonly clientId: string;
  readonly clientName: string | undefined;
  readonly dueDate: IsoDate;
  readonly outstanding: Decimal;
  /** The client's observed delay applied to the due date (0 without history). */
  readonly delayDays: number;
  /** dueDate + delayDays. */
  readonly expectedOn: IsoDate;
  readonly bucket: ExpectedReceiptBucket;
  /** 1…weeks when `bucket` is "week". */
  readonly week: number | null;
}

export interface ReceiptCell {
  readonly amount: Decimal;
  readonly count: number;
}

export interface ExpectedReceiptWeek extends ReceiptCell {
  /** 1 = the current week (from the as-of date to Sunday), then Monday to Sunday. */
  readonly index: number;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface ExpectedReceipts {
  readonly asOf: IsoDate;
  readonly weeks: readonly ExpectedReceiptWeek[];
  /** Expected before the as-of date and not received: late even by the client's habits. */
  readonly past: ReceiptCell;
  /** Expected after the last week. */
  readonly later: ReceiptCell;
  /** Disputed invoices: no date can be expected. */
  readonly disputed: ReceiptCell;
  /** The open invoices, by expected date then number. */
  readonly invoices: readonly ExpectedReceipt[];
}

/** A Monday, to find the day of the week of a date (0 = Monday … 6 = Sunday). */
const A_MONDAY = "2024-01-01";
const weekday = (date: IsoDate) => (((daysBetween(A_MONDAY, date) % 7) + 7) % 7);

/** The calendar weeks (Monday to Sunday) from the as-of date: the first one starts on `asOf`. */
export function forecastWeeks(asOf: IsoDate, weeks: number = DEFAULT_FORECAST_WEEKS): readonly { index: number; from: IsoDate; to: IsoDate }[] {
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError("forecastWeeks: weeks must be a positive integer");
  const firstSunday = addDays(asOf, 6 - weekday(asOf));
  return Array.from({ length: weeks }, (_, i) => ({
    index: i + 1,
    from: i === 0 ? asOf : addDays(firstSunday, 7 * (i - 1) + 1),
    to: addDays(firstSunday, 7 * i),
  }));
}

const add = (cell: ReceiptCell, amount: Decimal): ReceiptCell => ({ amount: cell.amount.plus(amount), count: cell.count + 1 });
const EMPTY: ReceiptCell = { amount: ZERO, count: 0 };

/**
 * Expected receipts by week: each open invoice (something outstanding as of `asOf`) is expected on its
 * due date shifted by its client's observed payment delay (`paymentDelayOf`: the amount-weighted mean
 * of how late the client paid over the last year; 0 days for a client without history), for its whole
 * outstanding amount. An expected date before `asOf` counts in `past` (late even by the client's own
 * habits), after the last week in `later`; disputed invoices are not expected at all. Pure.
 */
export function expectedReceipts(
  receivables: readonly InvoiceReceivable[],
  delays: ReadonlyMap<string, ClientPaymentDelay>,
  asOf: IsoDate,
  weekCount: number = DEFAULT_FORECAST_WEEKS,
): ExpectedReceipts {
  const calendar = forecastWeeks(asOf, weekCount);
  const cells = calendar.map((): ReceiptCell => EMPTY);
  let past = EMPTY;
  let later = EMPTY;
  let disputed = EMPTY;
  const last = calendar[calendar.length - 1]!.to;
  const invoices: ExpectedReceipt[] = [];
  for (const r of receivables) {
    if (r.outstanding.isZero()) continue;
    const delayDays = delays.get(r.clientId)?.days ?? 0;
    const expectedOn = addDays(r.dueDate, delayDays);
    let bucket: ExpectedReceiptBucket;
    let week: number | null = null;
    if (r.disputed) {
      bucket = "disputed";
      disputed = add(disputed, r.outstanding);
    } else if (expectedOn < asOf) {
      bucket = "past";
      past = add(past, r.outstanding);
    } else if (expectedOn > last) {
      bucket = "later";
      later = add(later, r.outstanding);
    } else {
      const i = calendar.findIndex((w) => expectedOn >= w.from && expectedOn <= w.to);
      bucket = "week";
      week = i + 1;
      cells[i] = add(cells[i]!, r.outstanding);
    }
    invoices.push({ invoiceId: r.invoiceId, number: r.number, clientId: r.clientId, clientName: r.clientName, dueDate: r.dueDate, outstanding: r.outstanding, delayDays, expectedOn, bucket, week });
  }
  invoices.sort((a, b) => (a.expectedOn === b.expectedOn ? a.number.localeCompare(b.number) : a.expectedOn < b.expectedOn ? -1 : 1));
  return { asOf, weeks: calendar.map((w, i) => ({ ...w, ...cells[i]! })), past, later, disputed, invoices };
}
