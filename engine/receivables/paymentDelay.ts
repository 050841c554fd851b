import { daysBetween, type IsoDate } from "../dates/plainDate.js";
import { type Decimal, ROUNDING_MODE, ZERO } from "../money/money.js";

/** How far back a client's payments are read to know when it pays (one year ending on the as-of date). */
export const PAYMENT_DELAY_LOOKBACK_DAYS = 365;

/** One payment allocated to an invoice: how much, on which day, against which due date. */
export interface PaidAllocation {
  readonly clientId: string;
  /** Positive. */
  readonly amount: Decimal;
  /** The day the money counted for the invoice (the payment date, or the imputation date of a client credit). */
  readonly date: IsoDate;
  readonly dueDate: IsoDate;
}

/**
 * A client's payments summed as the delay statistic needs them — what a database can pre-aggregate:
 * Σ amount and Σ amount × (payment date − due date) in days, over the allocations of the lookback window.
 */
export interface PaymentDelayFacts {
  readonly clientId: string;
  readonly amount: Decimal;
  /** Σ amount × days late (negative days when paid before the due date). */
  readonly amountDays: Decimal;
  readonly count: number;
}

/** When a client pays, observed: whole days after (or, negative, before) the due date. */
export interface ClientPaymentDelay {
  readonly clientId: string;
  /** Amount-weighted mean of (payment date − due date), rounded to the day (half away from zero); 0 without history. */
  readonly days: number;
  /** Allocations the mean is based on (0: no history, the due date is taken as it is). */
  readonly basedOn: number;
}

/** The facts of each client from its allocations (the reference the database's pre-aggregation must equal). */
export function paymentDelayFacts(allocations: readonly PaidAllocation[]): PaymentDelayFacts[] {
  const byClient = new Map<string, { amount: Decimal; amountDays: Decimal; count: number }>();
  for (const a of allocations) {
    const current = byClient.get(a.clientId) ?? { amount: ZERO, amountDays: ZERO, count: 0 };
    byClient.set(a.clientId, {
      amount: current.amount.plus(a.amount),
      amountDays: current.amountDays.plus(a.amount.times(daysBetween(a.dueDate, a.date))),
      count: current.count + 1,
    });
  }
  return [...byClient.entries()].map(([clientId, f]) => ({ clientId, ...f }));
}

/**
 * A client's observed payment delay: Σ amount × days late ÷ Σ amount (so a large invoice paid late
 * weighs more than a small one paid on time), rounded to the day. No payment in the window: 0 days.
 */
export function paymentDelayOf(facts: PaymentDelayFacts): ClientPaymentDelay {
  if (facts.count === 0 || !facts.amount.greaterThan(ZERO)) return { clientId: facts.clientId, days: 0, basedOn: 0 };
  // A whole number of days (not an amount): exact as an integer.
  const days = Number.parseInt(facts.amountDays.dividedBy(facts.amount).toDecimalPlaces(0, ROUNDING_MODE).toString(), 10);
  return { clientId: facts.clientId, days: days === 0 ? 0 : days, basedOn: facts.count };
}
