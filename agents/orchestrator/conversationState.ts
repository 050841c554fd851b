import { z } from "zod";
import { AgentNameSchema } from "../definitions/agentName.js";
import { ConversationContextSchema } from "../understanding/conversationContext.js";

/** One message of the conversation, with the agent that answered it. */
export const ConversationEntrySchema = z.object({
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  agent: AgentNameSchema.optional(),
});
export type ConversationEntry = z.infer<typeof ConversationEntrySchema>;

/**
 * Everything the orchestrator keeps between turns, as plain JSON: who answered last, the
 * history, and what the conversation is about (client, project, invoice, previous routing).
 * It survives `JSON.stringify` / `ConversationStateSchema.parse` (resumable in another process).
 */
export const ConversationStateSchema = z.object({
  currentAgent: AgentNameSchema.nullable(),
  history: z.array(ConversationEntrySchema),
  focus: ConversationContextSchema,
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export function newConversation(): ConversationState {
  return { currentAgent: null, history: [], focus: {} };
}

/** Turns kept for the model's context: the most recent ones (older turns add cost, rarely meaning). */
export const HISTORY_LIMIT = 20;
