import { z } from "zod";

/** The three specialists the orchestrator routes to (the routing decision's vocabulary). */
export const SpecialistAgentNameSchema = z.enum(["preparation-facture", "suivi-paiements", "email-relance"]);
export type SpecialistAgentName = z.infer<typeof SpecialistAgentNameSchema>;

/** Every agent of the conversation: the orchestrator and the three specialists. */
export const AgentNameSchema = z.enum(["facturation-orchestrator", ...SpecialistAgentNameSchema.options]);
export type AgentName = z.infer<typeof AgentNameSchema>;

export const SPECIALIST_AGENT_NAMES: readonly SpecialistAgentName[] = SpecialistAgentNameSchema.options;
export const AGENT_NAMES: readonly AgentName[] = AgentNameSchema.options;
