import { z } from "zod";
import { NameSchema, NonNegativeStringSchema, PercentStringSchema, PercentThresholdSchema, WholeMonthsSchema } from "./scenarioValues.js";

/**
 * One échéance of a billing schedule: WHAT to bill (`bill`), WHEN (`trigger`), ON WHICH
 * CONDITIONS (`conditions`), whether it is a deposit to deduct (`deductible`) and whether it
 * closes the dossier (`closing`). The same shape is stored in a real project's contract.
 */
export const BILL_KINDS = ["percent", "amount", "realized", "progress"] as const;
export type BillKind = (typeof BILL_KINDS)[number];

/** Exactly one of the four members is set; `billKind` tells which. */
export const BillSchema = z
  .object({
    percent: PercentStringSchema.optional(),
    amount: NonNegativeStringSchema.optional(),
    realized: z.enum(["summary", "detailed"], { error: "doit valoir « summary » ou « detailed »" }).optional(),
    progress: z.enum(["detailed", "global"], { error: "doit valoir « detailed » ou « global »" }).optional(),
  })
  .superRefine((bill, ctx) => {
    const set = BILL_KINDS.filter((k) => bill[k] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: set.length === 0 ? "doit indiquer percent, amount, realized ou progress" : `ne doit indiquer qu'un seul mode de calcul (reçu : ${set.join(", ")})`,
      });
    }
  });
export type Bill = z.infer<typeof BillSchema>;

export function billKind(bill: Bill): BillKind {
  if (bill.percent !== undefined) return "percent";
  if (bill.amount !== undefined) return "amount";
  if (bill.realized !== undefined) return "realized";
  return "progress";
}

export const TRIGGER_KINDS = ["signature", "start", "action", "state", "event", "end_of_month"] as const;

export const TriggerSchema = z.discriminatedUnion(
  "on",
  [
    z.object({ on: z.literal("signature") }),
    z.object({ on: z.literal("start") }),
    z.object({ on: z.literal("action"), name: NameSchema }),
    z.object({ on: z.literal("state"), name: NameSchema }),
    z.object({ on: z.literal("event"), name: NameSchema }),
    z.object({ on: z.literal("end_of_month") }),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union" ? "doit valoir « signature », « start », « action », « state », « event » ou « end_of_month »" : undefined,
  },
);
export type Trigger = z.infer<typeof TriggerSchema>;

/** Bounds: `min` inclusive, `max` exclusive; each optional. */
export const ConditionsSchema = z.object({
  monthsSinceStart: z.object({ min: WholeMonthsSchema.optional(), max: WholeMonthsSchema.optional() }).optional(),
  attendancePercent: z.object({ min: PercentThresholdSchema.optional(), max: PercentThresholdSchema.optional() }).optional(),
});
export type Conditions = z.infer<typeof ConditionsSchema>;

export const ScheduleItemSchema = z.object({
  label: z.string({ error: "doit être un texte" }).optional(),
  bill: BillSchema,
  trigger: TriggerSchema,
  conditions: ConditionsSchema.optional(),
  deductible: z.boolean({ error: "doit valoir true ou false" }).default(false),
  closing: z.boolean({ error: "doit valoir true ou false" }).default(false),
});
export type ScheduleItem = z.infer<typeof ScheduleItemSchema>;
