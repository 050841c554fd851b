import { z } from "zod";
import { SpecialistAgentNameSchema } from "../definitions/agentName.js";

/** The routing decision on the wire: the specialists to run, in order; empty when out of scope. */
export const RouteDecisionSchema = z.object({ agents: z.array(SpecialistAgentNameSchema) });
export type RouteDecision = z.infer<typeof RouteDecisionSchema>;

/**
 * Anything that routes a request: the offline lexical router (default), or a Claude router when
 * ANTHROPIC_API_KEY is set. `facturation route` and the orchestrator depend on this interface only.
 */
export interface Router {
  route(text: string): Promise<RouteDecision>;
}
