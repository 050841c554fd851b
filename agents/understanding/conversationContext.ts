import { z } from "zod";
import { SpecialistAgentNameSchema } from "../definitions/agentName.js";
import { BillingIntentNameSchema } from "./intentName.js";
import { normalizeText } from "./normalizeText.js";

/**
 * What the conversation is about, kept by the caller between turns and passed back in:
 * the client, project and invoice being discussed, and the last routing decision.
 */
export const ConversationContextSchema = z.object({
  client: z.string().optional(),
  project: z.string().optional(),
  invoice: z.string().optional(),
  intent: BillingIntentNameSchema.optional(),
  agents: z.array(SpecialistAgentNameSchema).optional(),
});
export type ConversationContext = z.infer<typeof ConversationContextSchema>;

const FOLLOW_UP = /^(et|aussi|pareil|idem|meme chose|la meme chose|oui|non|ok|d accord|vas y|go|confirme|je confirme|c est bon|parfait|annule|et pour|et chez|et sur|et le|et la|et les)\b/;

/** A short turn that only makes sense with the previous one: "et pour Atlas ?", "pareil pour Kiwi", "oui". */
export function isFollowUp(text: string): boolean {
  const canonical = normalizeText(text);
  const words = canonical.split(" ").filter((w) => w.length > 0);
  return FOLLOW_UP.test(canonical) && words.length <= 8;
}
