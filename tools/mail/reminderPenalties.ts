import type { LatePenalty } from "../../engine/dunning/latePenalty.js";
import { type Decimal, toAmountString, toPlainString } from "../../engine/money/money.js";
import type { ReminderPenalties } from "./reminderInput.js";

/**
 * The penalties block of a mise en demeure from the engine's `latePenalty(...)` result, as wire strings.
 * The total claimed is the outstanding principal plus the engine's penalties and indemnity.
 */
export function reminderPenalties(penalty: LatePenalty, annualRatePercent: Decimal): ReminderPenalties {
  return {
    annualRatePercent: toPlainString(annualRatePercent),
    days: penalty.daysLate,
    interest: toAmountString(penalty.penalty),
    fixedIndemnity: toAmountString(penalty.indemnity),
    totalClaimed: toAmountString(penalty.outstanding.plus(penalty.total)),
  };
}
