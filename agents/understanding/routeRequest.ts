import { SPECIALIST_AGENT_NAMES, type SpecialistAgentName } from "../definitions/agentName.js";
import { canonicalClauses } from "./canonicalForm.js";
import type { ConversationContext } from "./conversationContext.js";
import { isFollowUp } from "./conversationContext.js";
import { scoreIntents, type IntentScore } from "./intentScores.js";
import { INTENT_AGENTS, type BillingIntentName } from "./intentName.js";
import { scoreOutOfScope, type OutOfScopeReason } from "./outOfScope.js";

/** Below this, a request carries no billing evidence at all. */
export const MIN_INTENT_SCORE = 2;
/** A clause adds a second agent only with evidence this strong of its own. */
export const SECONDARY_INTENT_SCORE = 3;

export interface RoutingAnalysis {
  readonly agents: SpecialistAgentName[];
  /** The strongest billing intent of the whole request (undefined when out of scope or unknown). */
  readonly intent: BillingIntentName | undefined;
  readonly intentScore: number;
  /** Set when the request is refused: why, and so who to ask. */
  readonly outOfScope: OutOfScopeReason | undefined;
  /** The intents of the clauses that contributed an agent, in reading order. */
  readonly clauseIntents: BillingIntentName[];
  /** True when the agents were taken over from the conversation ("et pour Atlas ?"). */
  readonly fromContext: boolean;
  /** Every billing intent's score on the whole request, best first. */
  readonly scores: IntentScore[];
}

const best = (scores: readonly IntentScore[]): IntentScore => scores[0] ?? { intent: "prepare_invoice", score: 0 };

/** Agents in pipeline order: preparation, then payments follow-up, then reminders. */
function inPipelineOrder(agents: Iterable<SpecialistAgentName>): SpecialistAgentName[] {
  const set = new Set(agents);
  return SPECIALIST_AGENT_NAMES.filter((a) => set.has(a));
}

/**
 * The full routing decision with its reasons. The request is scored as a whole and clause by
 * clause against weighted lexical features of each intent; out-of-scope evidence as strong as the
 * billing evidence refuses it; clauses with strong evidence of another intent add its agent
 * ("facture le jalon et dis-moi où en sont les paiements"); "le client n'a pas payé" chains
 * suivi-paiements then email-relance. A bare follow-up ("et pour Atlas ?", "oui") keeps the
 * conversation's agents when a context is given.
 */
export function analyseRequest(text: string, context?: ConversationContext): RoutingAnalysis {
  const clauses = canonicalClauses(text);
  const scores = scoreIntents(clauses.join(" "));
  const whole = best(scores);
  const clauseBest = clauses.map((clause) => best(scoreIntents(clause)));
  const strongest = clauseBest.reduce((a, b) => (b.score > a.score ? b : a), whole);
  const billing = strongest.score > whole.score ? strongest : whole;
  const oos = scoreOutOfScope(text);

  if (oos.score > 0 && oos.score >= billing.score) {
    return { agents: [], intent: undefined, intentScore: billing.score, outOfScope: oos.reason, clauseIntents: [], fromContext: false, scores };
  }
  if (billing.score < MIN_INTENT_SCORE) {
    const previous = context?.agents ?? [];
    if (context && previous.length > 0 && isFollowUp(text)) {
      return { agents: [...previous], intent: context.intent, intentScore: 0, outOfScope: undefined, clauseIntents: [], fromContext: true, scores };
    }
    return { agents: [], intent: undefined, intentScore: billing.score, outOfScope: oos.score > 0 ? oos.reason : undefined, clauseIntents: [], fromContext: false, scores };
  }

  const agents = new Set<SpecialistAgentName>(INTENT_AGENTS[billing.intent]);
  const clauseIntents: BillingIntentName[] = [];
  for (const clause of clauseBest) {
    if (clause.score < MIN_INTENT_SCORE) continue;
    const added = INTENT_AGENTS[clause.intent].filter((a) => !agents.has(a));
    if (added.length > 0 && clause.score < SECONDARY_INTENT_SCORE) continue;
    added.forEach((a) => agents.add(a));
    clauseIntents.push(clause.intent);
  }
  return { agents: inPipelineOrder(agents), intent: billing.intent, intentScore: billing.score, outOfScope: undefined, clauseIntents, fromContext: false, scores };
}

/** `{ agents }` for a request: the specialists to run, in order; empty when out of scope. */
export function routeRequest(text: string, context?: ConversationContext): { agents: SpecialistAgentName[] } {
  return { agents: analyseRequest(text, context).agents };
}
