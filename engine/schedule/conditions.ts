import { monthsBetween, type IsoDate } from "../dates/plainDate.js";
import { Decimal, HUNDRED } from "../money/money.js";
import type { Conditions } from "../scenario/scheduleItem.js";

/** What the conditions of an item are evaluated against, at the trigger date. */
export interface ConditionContext {
  readonly date: IsoDate;
  /** Date of the first `start` event replayed so far. */
  readonly startDate: IsoDate | undefined;
  /** Quantity realized so far (actions, free ones excepted). */
  readonly realizedQuantity: Decimal;
  readonly plannedQuantity: Decimal | null;
}

/**
 * Rule 9. Bounds: min inclusive, max exclusive.
 * `monthsSinceStart`: whole calendar months from the first start to the trigger date; with no
 * start replayed yet the condition does not hold. `attendancePercent`: realized / planned × 100
 * (exact, no rounding before the comparison); without a planned quantity it does not hold
 * (parseScenario refuses that case beforehand).
 */
export function conditionsHold(conditions: Conditions | undefined, ctx: ConditionContext): boolean {
  if (conditions === undefined) return true;
  const months = conditions.monthsSinceStart;
  if (months !== undefined && (months.min !== undefined || months.max !== undefined)) {
    if (ctx.startDate === undefined) return false;
    const elapsed = monthsBetween(ctx.startDate, ctx.date);
    if (months.min !== undefined && elapsed < months.min) return false;
    if (months.max !== undefined && elapsed >= months.max) return false;
  }
  const attendance = conditions.attendancePercent;
  if (attendance !== undefined) {
    if (ctx.plannedQuantity === null || ctx.plannedQuantity.isZero()) return false;
    const percent = ctx.realizedQuantity.times(HUNDRED).dividedBy(ctx.plannedQuantity);
    if (attendance.min !== undefined && percent.lt(new Decimal(attendance.min))) return false;
    if (attendance.max !== undefined && percent.gte(new Decimal(attendance.max))) return false;
  }
  return true;
}
