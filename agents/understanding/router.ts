import { z } from "zod";
import { SpecialistAgentNameSchema } from "../definitions/agentName.js";

/** The routing decision on the wire: the specialists to run, in order; empty when out of scope. */
export const RoutingDecisionSchema = z.object({ agents: z.array(SpecialistAgentNameSchema) });
export type RoutingDecision = z.infer<typeof RoutingDecisionSchema>;

/** What a router may know of the conversation: the previous request and where it went. */
export const RoutingContextSchema = z.object({
  previousRequest: z.string().optional(),
  previousAgents: z.array(SpecialistAgentNameSchema).optional(),
});
export type RoutingContext = z.infer<typeof RoutingContextSchema>;

/**
 * Anything that routes a request: the offline lexical router (default), or the Claude router when
 * ANTHROPIC_API_KEY is set. `facturation route` and the orchestrator depend on this interface only.
 */
export interface Router {
  route(text: string, context?: RoutingContext): Promise<RoutingDecision>;
}
