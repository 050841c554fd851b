import { z } from "zod";
import { SpecialistAgentNameSchema, type SpecialistAgentName } from "../definitions/agentName.js";

/** Which specialists handle a request, in order; empty when the request is not billing. */
export const RoutingDecisionSchema = z.object({
  agents: z.array(SpecialistAgentNameSchema),
});
export type RoutingDecision = z.infer<typeof RoutingDecisionSchema>;

/** What the conversation already established, so "et pour Atlas ?" keeps the previous intent. */
export interface RoutingContext {
  readonly previousRequest?: string;
  readonly previousAgents?: readonly SpecialistAgentName[];
}

/** The orchestrator's routing decision; implemented offline (French understanding) and by Claude. */
export interface Router {
  route(text: string, context?: RoutingContext): Promise<RoutingDecision>;
}
