import { z } from "zod";
import { daysBetween, type IsoDate } from "../dates/plainDate.js";
import { Decimal, HUNDRED, ZERO, roundCents, toAmountString, toDecimal } from "../money/money.js";
import { inputErrorFromZod } from "../scenario/inputErrorFromZod.js";
import { AmountStringSchema, NonNegativeDecimalStringSchema } from "../wire/decimalString.js";
import { IsoDateSchema } from "../wire/isoDate.js";

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

/* ---- wire (for the R3 / mise en demeure tool) ---- */

export const LatePenaltyInputWireSchema = z.object({
  amountDue: AmountStringSchema,
  dueDate: IsoDateSchema,
  payments: z.array(z.object({ date: IsoDateSchema, amount: AmountStringSchema })).default([]),
  annualRatePercent: NonNegativeDecimalStringSchema,
  asOf: IsoDateSchema,
});
export type LatePenaltyInputWire = z.input<typeof LatePenaltyInputWireSchema>;

export const LatePenaltyWireSchema = z.object({
  daysLate: z.number().int(),
  outstanding: AmountStringSchema,
  penalty: AmountStringSchema,
  indemnity: AmountStringSchema,
  total: AmountStringSchema,
});
export type LatePenaltyWire = z.infer<typeof LatePenaltyWireSchema>;

/** Parses the wire input (throws `InputError` naming the field), computes, returns amounts as strings. */
export function latePenaltyWire(input: unknown): LatePenaltyWire {
  const parsed = LatePenaltyInputWireSchema.safeParse(input);
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  const v = parsed.data;
  const p = latePenalty(
    {
      amountDue: toDecimal(v.amountDue),
      dueDate: v.dueDate,
      payments: v.payments.map((x) => ({ date: x.date, amount: toDecimal(x.amount) })),
      annualRatePercent: toDecimal(v.annualRatePercent),
    },
    v.asOf,
  );
  return {
    daysLate: p.daysLate,
    outstanding: toAmountString(p.outstanding),
    penalty: toAmountString(p.penalty),
    indemnity: toAmountString(p.indemnity),
    total: toAmountString(p.total),
  };
}
