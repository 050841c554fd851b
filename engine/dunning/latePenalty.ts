import { daysBetween, type IsoDate } from "../dates/plainDate.js";
import { Decimal, HUNDRED, ZERO, roundCents } from "../money/money.js";

/** Indemnité forfaitaire pour frais de recouvrement: 40 € per late invoice (art. L441-10 and D441-5 C. com.). */
export const RECOVERY_INDEMNITY: Decimal = new Decimal("40.00");

export interface LatePenaltyInput {
  /** What was owed on the due date: TTC minus the credit notes (payments are passed apart). */
  readonly amountDue: Decimal;
  readonly dueDate: IsoDate;
  /** Payments received on the invoice (any date; those on or before the due date reduce the base). */
  readonly payments: readonly { readonly date: IsoDate; readonly amount: Decimal }[];
  /** Annual late-penalty rate, in percent (e.g. 12.15 for 12,15 %), as printed on the invoice. */
  readonly annualRatePercent: Decimal;
}

export interface LatePenalty {
  /** asOf − dueDate, 0 when not late. */
  readonly daysLate: number;
  /** Outstanding on `asOf`. */
  readonly outstanding: Decimal;
  /** Pénalités de retard, rounded to the cent. */
  readonly penalty: Decimal;
  /** 40.00 when the invoice was paid late or is still late, else 0. */
  readonly indemnity: Decimal;
  readonly total: Decimal;
}

/**
 * Late penalties for a formal notice (R3), as of `asOf`:
 *
 *     pénalités = Σ over each part of the amount: part × annual rate × days that part stayed unpaid after the due date / 365
 *
 * i.e. outstanding × rate × days late / 365 when nothing was paid late; a part paid late stops accruing
 * on its payment date. Computed exactly, rounded once to the cent (half away from zero). Plus the
 * 40 € fixed recovery indemnity, once per invoice, as soon as it is late with something unpaid
 * (or was paid late). Payments after `asOf` are ignored.
 */
export function latePenalty(input: LatePenaltyInput, asOf: IsoDate): LatePenalty {
  const late = daysBetween(input.dueDate, asOf);
  const daysLate = late > 0 ? late : 0;
  const known = input.payments.filter((p) => p.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let base = input.amountDue;
  let accrued = ZERO; // Σ amount × days
  let paidLate = false;
  for (const p of known) {
    const days = daysBetween(input.dueDate, p.date);
    const part = Decimal.min(p.amount, base.isNegative() ? ZERO : base);
    if (days > 0 && part.greaterThan(ZERO)) {
      accrued = accrued.plus(part.times(days));
      paidLate = true;
    }
    base = base.minus(p.amount);
  }
  const outstanding = base.greaterThan(ZERO) ? base : ZERO;
  accrued = accrued.plus(outstanding.times(daysLate));
  const penalty = roundCents(accrued.times(input.annualRatePercent).dividedBy(HUNDRED.times(365)));
  const indemnity = (daysLate > 0 && outstanding.greaterThan(ZERO)) || paidLate ? RECOVERY_INDEMNITY : ZERO;
  return { daysLate, outstanding, penalty, indemnity, total: penalty.plus(indemnity) };
}
