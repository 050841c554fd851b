import { z } from "zod";
import { SpecialistAgentNameSchema } from "../definitions/agentName.js";
import { INTENT_NAMES, type IntentName } from "../offline/intents/registry.js";
import { SlotValuesSchema } from "./slotValues.js";

/**
 * What the conversation is about, explicit and kept by the caller between turns: the last intent
 * understood, its slots and the agents that ran, plus the focus the agents' answers set (the
 * client, project and invoice being discussed). A follow-up inherits from it; a new
 * self-contained request does not.
 */
export const ConversationStateSchema = z
  .object({
    intent: z.enum(INTENT_NAMES as [IntentName, ...IntentName[]]).optional(),
    slots: SlotValuesSchema.optional(),
    agents: z.array(SpecialistAgentNameSchema).optional(),
    client: z.string().optional(),
    project: z.string().optional(),
    invoice: z.string().optional(),
  })
  .strict();
export type ConversationState = z.infer<typeof ConversationStateSchema>;
