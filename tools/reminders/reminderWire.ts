import { z } from "zod";
import { AmountStringSchema, NonNegativeDecimalStringSchema } from "../../engine/wire/decimalString.js";
import { ReminderLevelSchema } from "../mail/reminderInput.js";

/** How tools name a reminder level: "pre_due", "r1", "r2" or "r3" (an escalation is not an e-mail). */
export const ReminderLevelInputSchema = ReminderLevelSchema.describe(
  "niveau de relance : pre_due (rappel avant échéance), r1 (cordiale), r2 (ferme), r3 (mise en demeure)",
);

/** The R3 late penalties as the engine computed them (decimal strings). */
export const ReminderPenaltiesWireSchema = z.object({
  annualRatePercent: NonNegativeDecimalStringSchema,
  days: z.number().int(),
  interest: AmountStringSchema,
  fixedIndemnity: AmountStringSchema,
  totalClaimed: AmountStringSchema,
});
