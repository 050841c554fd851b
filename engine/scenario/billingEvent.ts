import { z } from "zod";
import { IsoDateSchema } from "../wire/isoDate.js";
import { NameSchema, NonNegativeStringSchema, PercentStringSchema } from "./scenarioValues.js";

/**
 * What happened on a dossier, dated: signature, actual start, an action (realized work), a state
 * change, an event (abandonment…), or a lot's cumulative progress. A real project stores the same.
 */
export const EVENT_TYPES = ["signature", "start", "action", "state", "event", "progress"] as const;

export const ProgressEventSchema = z
  .object({
    date: IsoDateSchema,
    type: z.literal("progress"),
    lot: NameSchema,
    percent: PercentStringSchema.optional(),
    amount: NonNegativeStringSchema.optional(),
  })
  .superRefine((event, ctx) => {
    if ((event.percent === undefined) === (event.amount === undefined)) {
      ctx.addIssue({ code: "custom", path: ["percent"], message: "indiquer soit percent (avancement cumulé en %), soit amount (montant cumulé), pas les deux" });
    }
  });

export const BillingEventSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ date: IsoDateSchema, type: z.literal("signature") }),
    z.object({ date: IsoDateSchema, type: z.literal("start") }),
    z.object({ date: IsoDateSchema, type: z.literal("action"), name: NameSchema, quantity: NonNegativeStringSchema.default("1") }),
    z.object({ date: IsoDateSchema, type: z.literal("state"), name: NameSchema }),
    z.object({ date: IsoDateSchema, type: z.literal("event"), name: NameSchema }),
    ProgressEventSchema,
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union" ? "doit valoir « signature », « start », « action », « state », « event » ou « progress »" : undefined,
  },
);
export type BillingEvent = z.infer<typeof BillingEventSchema>;
