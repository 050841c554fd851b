import type { AgentName } from "./agentName.js";
import { allowedTools } from "./allowlist.js";
import { isMonetaryTool, type ToolName } from "./toolName.js";

/** One agent as data: who it is, where its instructions live, what it may call. */
export interface AgentDefinition {
  readonly name: AgentName;
  /** French label shown to the user ("Préparation des factures"). */
  readonly title: string;
  /** Instructions file under `prompts/`, e.g. `suivi-paiements.md`. */
  readonly instructionsFile: string;
  readonly tools: readonly ToolName[];
  /** True when the agent holds a monetary tool: it then calls tools one at a time. */
  readonly disableParallelToolUse: boolean;
}

function define(name: AgentName, title: string): AgentDefinition {
  const tools = allowedTools(name);
  return { name, title, instructionsFile: `${name}.md`, tools, disableParallelToolUse: tools.some(isMonetaryTool) };
}

export const AGENT_DEFINITIONS: Readonly<Record<AgentName, AgentDefinition>> = {
  "facturation-orchestrator": define("facturation-orchestrator", "Orchestrateur de la facturation"),
  "preparation-facture": define("preparation-facture", "Préparation des factures"),
  "suivi-paiements": define("suivi-paiements", "Suivi des paiements"),
  "email-relance": define("email-relance", "Relances par e-mail"),
};

export function getAgentDefinition(name: AgentName): AgentDefinition {
  return AGENT_DEFINITIONS[name];
}
