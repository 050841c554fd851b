import { z } from "zod";
import type { DunningLevel } from "./dunningLevel.js";

const Days = z.number({ error: "doit être un nombre entier de jours" }).int("doit être un nombre entier de jours");

/**
 * When each reminder level becomes due, in days from the invoice's due date. Defaults from DESIGN.md:
 * R1 +7, R2 +15, R3 +30, escalation +60; the pre-due reminder is off (`null`) unless set, e.g. 3 for
 * three days before the due date. Delays must increase strictly from one level to the next.
 */
export const DunningPolicySchema = z
  .object({
    preDueDays: Days.min(1, "doit être au moins 1 (jours avant l'échéance)").nullable().default(null),
    r1Days: Days.min(1, "doit être au moins 1 jour après l'échéance").default(7),
    r2Days: Days.default(15),
    r3Days: Days.default(30),
    escalationDays: Days.default(60),
  })
  .superRefine((p, ctx) => {
    if (p.r2Days <= p.r1Days) ctx.addIssue({ code: "custom", path: ["r2Days"], message: "doit être supérieur au délai de R1" });
    if (p.r3Days <= p.r2Days) ctx.addIssue({ code: "custom", path: ["r3Days"], message: "doit être supérieur au délai de R2" });
    if (p.escalationDays <= p.r3Days) ctx.addIssue({ code: "custom", path: ["escalationDays"], message: "doit être supérieur au délai de R3" });
  });
export type DunningPolicy = z.infer<typeof DunningPolicySchema>;
export const DEFAULT_DUNNING_POLICY: DunningPolicy = DunningPolicySchema.parse({});

/** The levels of the policy in order with their offset from the due date (negative before it). */
export function dunningSchedule(policy: DunningPolicy): readonly { readonly level: DunningLevel; readonly offsetDays: number }[] {
  return [
    ...(policy.preDueDays === null ? [] : [{ level: "pre_due" as const, offsetDays: -policy.preDueDays }]),
    { level: "r1", offsetDays: policy.r1Days },
    { level: "r2", offsetDays: policy.r2Days },
    { level: "r3", offsetDays: policy.r3Days },
    { level: "escalation", offsetDays: policy.escalationDays },
  ];
}
