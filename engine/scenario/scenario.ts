import { z } from "zod";
import { IsoDateSchema } from "../wire/isoDate.js";
import { BillingEventSchema } from "./billingEvent.js";
import { ContractSchema } from "./contract.js";

/** The scenario file format `facturation-scenario/1` (see FORMAT.md): a contract, its events, an optional end date. */
export const SCENARIO_FORMAT = "facturation-scenario/1";

export const ScenarioSchema = z.object({
  format: z.literal(SCENARIO_FORMAT, { error: `doit valoir « ${SCENARIO_FORMAT} »` }),
  name: z.string({ error: "doit être un texte" }).optional(),
  ...ContractSchema.shape,
  events: z.array(BillingEventSchema, { error: "doit être une liste d'événements" }),
  until: IsoDateSchema.optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
