import type { IsoDate } from "../../engine/dates/plainDate.js";
import { SPECIALIST_AGENT_NAMES, type SpecialistAgentName } from "../definitions/agentName.js";
import { intentDefinition, isIntentName, type IntentName } from "../offline/intents/registry.js";
import type { Catalog } from "./catalog.js";
import { splitClauses } from "./clauses.js";
import type { ConversationState } from "./conversationState.js";
import { classifyIntent } from "./intentModel.js";
import { slotsFor } from "./intentSlots.js";
import { readSlots, type SlotReading } from "./slotReading.js";
import type { SlotValues } from "./slotValues.js";

/** Below this calibrated probability the request is not acted on: one short question with the two likeliest readings. */
export const CONFIDENCE_THRESHOLD = 0.45;
/** A clause adds its agent to a request only when this sure of its own intent. */
const CLAUSE_CONFIDENCE = 0.8;

export interface Step {
  readonly intent: IntentName;
  readonly slots: SlotValues;
}

export type RequestReading =
  | {
      readonly kind: "understood";
      readonly intent: IntentName;
      readonly slots: SlotValues;
      /** The jobs of the request in the order written (one for most requests). */
      readonly steps: readonly Step[];
      readonly agents: readonly SpecialistAgentName[];
      readonly confidence: number;
      readonly state: ConversationState;
    }
  | {
      /** Not sure enough: ask which of the two likeliest readings was meant. */
      readonly kind: "unsure";
      readonly candidates: readonly [IntentName, IntentName];
      readonly confidence: number;
      readonly state: ConversationState;
    };

export interface ReadOptions {
  readonly today: IsoDate;
  readonly catalog: Catalog;
  readonly state?: ConversationState;
}

const SUBJECT_SLOTS = ["client", "project", "invoice", "beneficiary"] as const;

function inPipelineOrder(agents: Iterable<SpecialistAgentName>): SpecialistAgentName[] {
  const set = new Set(agents);
  return SPECIALIST_AGENT_NAMES.filter((a) => set.has(a));
}

/** The previous slots, with what the follow-up changes: a new subject replaces the old one; « au total » drops it. */
function inherited(previous: SlotValues, fresh: SlotValues): SlotValues {
  const subjectChanged = SUBJECT_SLOTS.some((k) => fresh[k] !== undefined) || fresh.scope === "all";
  const kept: Record<string, unknown> = { ...previous };
  if (subjectChanged) for (const k of SUBJECT_SLOTS) delete kept[k];
  delete kept["scope"];
  const { scope: _scope, ...rest } = fresh;
  return { ...kept, ...rest } as SlotValues;
}

/** « et la 18 ? »: a bare number after an invoice question is that invoice of the year. */
function bareInvoice(reading: SlotReading, previous: SlotValues, today: IsoDate): string | undefined {
  if (previous.invoice === undefined) return undefined;
  const n = /\b(\d{1,4})\b/.exec(reading.masked.replace(/qq\w+/g, ""))?.[1];
  if (n === undefined) return undefined;
  const [prefix = "F", year = today.slice(0, 4)] = previous.invoice.split("-");
  return `${prefix}-${year}-${n.padStart(4, "0")}`;
}

function understood(intent: IntentName, slots: SlotValues, confidence: number, state: ConversationState, steps?: readonly Step[], agents?: readonly SpecialistAgentName[]): RequestReading {
  const route = agents ?? [...intentDefinition(intent).agents];
  const next: ConversationState =
    intent === "confirm" || intent === "help" || intent === "out_of_scope" ? state : { ...state, intent, slots, agents: [...route] };
  return { kind: "understood", intent, slots, steps: steps ?? [{ intent, slots }], agents: route, confidence, state: next };
}

/**
 * Reads one request: the trained classifier decides the intent on the request with its names
 * and numbers masked, the slot layer gives the values, the conversation state completes a
 * follow-up (« et pour Atlas ? », « et au total ? », « oui »). Deterministic, no I/O.
 */
export function readRequest(text: string, options: ReadOptions): RequestReading {
  const { today, catalog, state = {} } = options;
  const reading = readSlots(text, today, catalog);
  const scores = classifyIntent(reading.masked);
  const [best, second] = scores;
  if (best === undefined || second === undefined) throw new Error("intent model has fewer than two classes");

  if (best.label === "follow_up" && state.intent !== undefined) {
    const previous = state.slots ?? {};
    const fresh = slotsFor(intentDefinition(state.intent).slots, reading);
    const invoice = fresh.invoice ?? bareInvoice(reading, previous, today);
    return understood(state.intent, inherited(previous, { ...fresh, ...(invoice === undefined ? {} : { invoice }) }), best.probability, state, undefined, state.agents);
  }
  if (best.label === "confirm") {
    const slots = slotsFor(["answer"], reading);
    return { kind: "understood", intent: "confirm", slots, steps: [{ intent: "confirm", slots }], agents: [...(state.agents ?? [])], confidence: best.probability, state };
  }
  const top = scores.filter((s) => isIntentName(s.label));
  const first = top[0], runnerUp = top[1];
  if (first === undefined || runnerUp === undefined || !isIntentName(first.label) || !isIntentName(runnerUp.label)) throw new Error("intent model has fewer than two intents");
  if (best.probability < CONFIDENCE_THRESHOLD) {
    return { kind: "unsure", candidates: [first.label, runnerUp.label], confidence: best.probability, state };
  }
  const intent = first.label;
  const slots = slotsFor(intentDefinition(intent).slots, reading);
  const steps = clauseSteps(text, options, intent);
  if (steps.length > 1) {
    const agents = inPipelineOrder(steps.flatMap((s) => intentDefinition(s.intent).agents));
    const [head] = steps;
    return understood(head?.intent ?? intent, head?.slots ?? slots, first.probability, state, steps, agents);
  }
  return understood(intent, slots, first.probability, state);
}

/** The jobs of a request with several (« facture le jalon et dis-moi où en sont les paiements »), each for another agent. */
function clauseSteps(text: string, options: ReadOptions, whole: IntentName): Step[] {
  const clauses = splitClauses(text).filter((c) => c.raw.split(/\s+/).length >= 2);
  if (clauses.length < 2) return [];
  const steps: Step[] = [];
  const agentSets = new Set<string>();
  for (const clause of clauses) {
    const reading = readSlots(clause.raw, options.today, options.catalog);
    const [best] = classifyIntent(reading.masked);
    if (best === undefined || best.probability < CLAUSE_CONFIDENCE || !isIntentName(best.label)) continue;
    const definition = intentDefinition(best.label);
    if (definition.agents.length === 0) continue;
    const key = definition.agents.join("+");
    if (agentSets.has(key)) continue;
    agentSets.add(key);
    steps.push({ intent: best.label, slots: slotsFor(definition.slots, reading) });
  }
  if (steps.length < 2 || !steps.some((s) => s.intent === whole)) return [];
  return steps;
}
