import { getAgentDefinition } from "../definitions/agentDefinition.js";
import type { SpecialistAgentName } from "../definitions/agentName.js";
import type { AgentRunResult, AgentRunner, ConversationTurn, ToolCallRecord } from "../runner/agentRunner.js";
import { addUsage, EMPTY_USAGE, type TokenUsage } from "../runner/tokenUsage.js";
import type { ConfirmationOutcome, HumanConfirmation } from "../runtime/humanConfirmation.js";
import { leavePending } from "../runtime/humanConfirmation.js";
import type { PendingActionRef } from "../runtime/pendingActionRef.js";
import type { ToolGateway } from "../runtime/toolGateway.js";
import type { ConversationContext } from "../understanding/conversationContext.js";
import { outOfScopeReply, scoreOutOfScope } from "../understanding/outOfScope.js";
import type { Router } from "../understanding/router.js";
import { ConversationStateSchema, HISTORY_LIMIT, newConversation, type ConversationState } from "./conversationState.js";
import { focusFromToolCalls } from "./focusFromToolCalls.js";

export interface OrchestratorOptions {
  /** Offline lexical router by default; the Claude router when a key is set. */
  readonly router: Router;
  /** Runs one specialist's turn (Claude, or the offline runner). */
  readonly runner: AgentRunner;
  /** The agent's MCP client, restricted to its allowlist. */
  readonly gateway: (agent: SpecialistAgentName) => Promise<ToolGateway>;
  /** Asks the human about each pending action; by default actions stay pending (`facturation confirm`). */
  readonly confirm?: HumanConfirmation;
  /** A saved conversation to resume. */
  readonly state?: ConversationState;
  /** Called when a specialist starts answering (to show who speaks). */
  readonly onAgent?: (agent: SpecialistAgentName) => void;
  /** Receives each agent's text as it is produced. */
  readonly onText?: (delta: string) => void;
}

/** One specialist's part of a turn. */
export interface AgentStep {
  readonly agent: SpecialistAgentName;
  readonly text: string;
  readonly status: AgentRunResult["status"];
  readonly toolCalls: readonly ToolCallRecord[];
  readonly pendingActions: readonly PendingActionRef[];
  readonly confirmations: readonly ConfirmationOutcome[];
}

/** What one request gave: the routing, each agent's answer, the confirmations. */
export interface TurnReport {
  readonly agents: readonly SpecialistAgentName[];
  /** True when the request was refused as not billing. */
  readonly refused: boolean;
  /** The whole answer, in French. */
  readonly answer: string;
  readonly steps: readonly AgentStep[];
  readonly usage: TokenUsage;
}

const HELP =
  "Je n'ai pas compris la demande. Je peux préparer et émettre des factures (« le jalon Maquettes validées du projet Atlas est atteint, on facture »), " +
  "suivre les paiements (« y a-t-il des retards de paiement ? ») et relancer les clients (« relance Nexa »).";

/** The facts the agent gets as context: what the conversation is about, and what the previous agents answered. */
function contextText(focus: ConversationContext, previous: readonly AgentStep[]): string | undefined {
  const lines: string[] = [];
  if (focus.client) lines.push(`Client en cours de discussion : ${focus.client}`);
  if (focus.project) lines.push(`Projet en cours de discussion : ${focus.project}`);
  if (focus.invoice) lines.push(`Facture en cours de discussion : ${focus.invoice}`);
  for (const step of previous) lines.push(`Réponse de l'agent ${step.agent} à cette demande :\n${step.text}`);
  return lines.length > 0 ? lines.join("\n") : undefined;
}

/**
 * The facturation-orchestrator: a triage step, not a calculator. For each request it asks the
 * router which specialists handle it, refuses what is not billing (saying who to ask), runs the
 * specialists in order — "le client n'a pas payé" is suivi-paiements then email-relance, the
 * second receiving the focus (client, invoice) the first ended on — and hands every pending
 * action to the human confirmation. It keeps `currentAgent`, the history and the focus between
 * turns ("et pour Atlas ?"), as serialisable state.
 */
export class Orchestrator {
  private conversation: ConversationState;

  constructor(private readonly options: OrchestratorOptions) {
    this.conversation = options.state ? ConversationStateSchema.parse(options.state) : newConversation();
  }

  /** A copy of the conversation state (plain JSON). */
  get state(): ConversationState {
    return structuredClone(this.conversation);
  }

  async handle(text: string): Promise<TurnReport> {
    const { focus, history } = this.conversation;
    const previousUser = [...history].reverse().find((entry) => entry.role === "user");
    const decision = await this.options.router.route(text, {
      ...(previousUser ? { previousRequest: previousUser.text } : {}),
      ...(focus.agents ? { previousAgents: focus.agents } : {}),
    });
    const userTurn: ConversationTurn = { role: "user", text };
    const runHistory: ConversationTurn[] = [...history.slice(-HISTORY_LIMIT).map(({ role, text: t }) => ({ role, text: t })), userTurn];
    if (runHistory[0]?.role === "assistant") runHistory.shift();

    if (decision.agents.length === 0) {
      const refused = scoreOutOfScope(text).score > 0;
      const answer = refused ? outOfScopeReply(text) : HELP;
      this.options.onText?.(answer);
      this.remember(text, [{ text: answer }], null, focus);
      return { agents: [], refused, answer, steps: [], usage: EMPTY_USAGE };
    }

    const steps: AgentStep[] = [];
    let currentFocus: ConversationContext = { ...focus };
    let usage = EMPTY_USAGE;
    for (const agent of decision.agents) {
      this.options.onAgent?.(agent);
      const gateway = await this.options.gateway(agent);
      const context = contextText(currentFocus, steps);
      const result = await this.options.runner.run({
        agent: getAgentDefinition(agent),
        history: runHistory,
        gateway,
        focus: currentFocus,
        ...(context === undefined ? {} : { context }),
        ...(this.options.onText ? { onText: this.options.onText } : {}),
      });
      usage = addUsage(usage, result.usage);
      // The runner's own focus when it knows it (offline); otherwise what the tools showed (Claude).
      currentFocus = result.focus ?? { ...currentFocus, ...focusFromToolCalls(result.toolCalls) };
      const confirmations: ConfirmationOutcome[] = [];
      for (const action of result.pendingActions) {
        const outcome = await (this.options.confirm ?? leavePending)(action);
        this.options.onText?.(`\n${outcome.text}`);
        confirmations.push(outcome);
      }
      steps.push({ agent, text: result.text, status: result.status, toolCalls: result.toolCalls, pendingActions: result.pendingActions, confirmations });
    }
    currentFocus = { ...currentFocus, agents: [...decision.agents] };
    const answer = steps.map((s) => [s.text, ...s.confirmations.map((c) => c.text)].join("\n")).join("\n\n");
    this.remember(
      text,
      steps.map((s) => ({ agent: s.agent, text: [s.text, ...s.confirmations.map((c) => c.text)].join("\n") })),
      steps.at(-1)?.agent ?? null,
      currentFocus,
    );
    return { agents: decision.agents, refused: false, answer, steps, usage };
  }

  private remember(text: string, answers: readonly { agent?: SpecialistAgentName; text: string }[], currentAgent: SpecialistAgentName | null, focus: ConversationContext): void {
    const entries = [{ role: "user" as const, text }, ...answers.map((a) => ({ role: "assistant" as const, text: a.text, ...(a.agent ? { agent: a.agent } : {}) }))];
    this.conversation = {
      currentAgent,
      history: [...this.conversation.history, ...entries].slice(-HISTORY_LIMIT * 2),
      focus,
    };
  }
}
