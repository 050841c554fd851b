import type { SpecialistAgentName } from "../../agents/definitions/agentName.js";

/** What a system read from one request, in the catalogue's vocabulary. */
export interface Reading {
  readonly agents: readonly SpecialistAgentName[];
  readonly intent: string;
  readonly slots: Readonly<Record<string, unknown>>;
}

/** A system under measurement: reads a request given the previous user turns of its conversation. */
export interface UnderstandingSystem {
  readonly name: string;
  read(text: string, context: readonly string[]): Reading;
}
