import type { SpecialistAgentName } from "../../definitions/agentName.js";
import type { SlotName } from "../../understanding/slotValues.js";

/**
 * One intent of the catalogue (agents/understanding/intent-catalogue.md): what it means, the agents
 * that handle it, the slots it reads. Its phrasings are data (agents/understanding/corpus/templates/<name>.txt);
 * its offline handler, when it has one, sits in the same file.
 */
export interface IntentDefinition<N extends string = string> {
  readonly name: N;
  /** In pipeline order; empty for an intent answered without any agent (out of scope, help). */
  readonly agents: readonly SpecialistAgentName[];
  /** One line, in English, for developers and for the Claude router's vocabulary. */
  readonly meaning: string;
  readonly slots: readonly SlotName[];
}

export function defineIntent<const N extends string>(definition: IntentDefinition<N>): IntentDefinition<N> {
  return definition;
}
