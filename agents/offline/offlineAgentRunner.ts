import type { IsoDate } from "../../engine/dates/plainDate.js";
import { InputError, SystemError } from "../../engine/errors.js";
import type { SpecialistAgentName } from "../definitions/agentName.js";
import type { AgentRunInput, AgentRunResult, AgentRunner } from "../runner/agentRunner.js";
import { EMPTY_USAGE } from "../runner/tokenUsage.js";
import type { ConversationContext } from "../understanding/conversationContext.js";
import type { Intent } from "../understanding/intent.js";
import { INTENT_AGENTS, type BillingIntentName } from "../understanding/intentName.js";
import { understand } from "../understanding/understand.js";
import type { IntentHandler, OfflineAnswer } from "./offlineTurn.js";
import { PAYMENTS_HANDLERS } from "./paymentsIntents.js";
import { PREPARATION_HANDLERS } from "./preparationIntents.js";
import { REMINDER_HANDLERS } from "./reminderIntents.js";
import { ToolCatalog } from "./toolCatalog.js";
import { ToolSession } from "./toolSession.js";

const HANDLERS: Readonly<Record<SpecialistAgentName, Partial<Record<Intent["intent"], IntentHandler>>>> = {
  "preparation-facture": PREPARATION_HANDLERS,
  "suivi-paiements": PAYMENTS_HANDLERS,
  "email-relance": REMINDER_HANDLERS,
};

/** What each agent does when the request is not one of its intents (a chained or misrouted request). */
const DEFAULT_INTENT: Readonly<Record<SpecialistAgentName, Intent>> = {
  "preparation-facture": { intent: "billing_status" },
  "suivi-paiements": { intent: "payment_status", scope: "overall" },
  "email-relance": { intent: "draft_reminder", bulk: false },
};

const isBillingIntent = (name: Intent["intent"]): name is BillingIntentName => name in INTENT_AGENTS;

export interface OfflineAgentRunnerOptions {
  /** The business date; relative dates ("hier", "fin octobre") are resolved against it. */
  readonly today: () => IsoDate;
}

/**
 * The embedded runner: no model, no network, the same answer for the same data. It reads the
 * request with the offline understanding (intents, slots, names matched against a catalog read
 * from the tools), calls the SAME MCP tools as Claude would through the agent's gateway (never
 * the database), and answers in French from the tools' structured results. Monetary tools only
 * propose: the pending actions go back to the runtime, which asks the human.
 * One instance per conversation: the catalog of names is cached for it.
 */
export class OfflineAgentRunner implements AgentRunner {
  private readonly catalog = new ToolCatalog();

  constructor(private readonly options: OfflineAgentRunnerOptions) {}

  async run(input: AgentRunInput): Promise<AgentRunResult> {
    const last = input.history.at(-1);
    if (last === undefined || last.role !== "user") {
      throw new InputError("la conversation doit se terminer par une demande de l'utilisateur", { field: "history" });
    }
    if (input.gateway.agent !== input.agent.name) {
      throw new SystemError(`la passerelle d'outils de l'agent ${input.gateway.agent} ne peut pas servir l'agent ${input.agent.name}`);
    }
    const agent = input.agent.name;
    if (agent === "facturation-orchestrator") throw new SystemError("l'orchestrateur n'exécute pas d'outils : il route vers les agents spécialisés");
    const tools = new ToolSession(input.gateway);
    const today = this.options.today();
    const focus: ConversationContext = input.focus ?? {};
    await this.catalog.learnFrom(tools, last.text);
    const understanding = understand(last.text, { today, catalog: this.catalog.catalog(), context: focus });
    const intent = intentFor(agent, understanding.steps, understanding.intent);
    const handler = HANDLERS[agent][intent.intent];
    const answer: OfflineAnswer =
      handler === undefined
        ? { text: fallbackText(intent) }
        : await handler(intent, { tools, catalog: this.catalog, today, text: last.text, focus });
    input.onText?.(answer.text);
    // The understanding's context already starts from `focus` (and drops what a new subject replaces).
    const nextFocus: ConversationContext = { ...understanding.context, ...answer.focus };
    return { text: answer.text, status: "completed", toolCalls: tools.calls, pendingActions: tools.pending, usage: EMPTY_USAGE, focus: nextFocus };
  }
}

/** The step of the request this agent handles; a chained agent gets the shared intent ("le client n'a pas payé"). */
function intentFor(agent: SpecialistAgentName, steps: readonly Intent[], main: Intent): Intent {
  const mine = steps.find((step) => isBillingIntent(step.intent) && INTENT_AGENTS[step.intent].includes(agent));
  if (mine !== undefined) return mine;
  if (isBillingIntent(main.intent) && INTENT_AGENTS[main.intent].includes(agent)) return main;
  if (main.intent === "confirm" || main.intent === "out_of_scope" || main.intent === "unknown") return main;
  return DEFAULT_INTENT[agent];
}

function fallbackText(intent: Intent): string {
  switch (intent.intent) {
    case "confirm":
      return "Aucune action n'attend de confirmation dans cette conversation.";
    case "out_of_scope":
      return intent.reply;
    default:
      return "Je n'ai pas compris la demande. Je peux préparer et émettre des factures, suivre les paiements et les retards, et préparer des relances : reformulez, par exemple « y a-t-il des retards de paiement ? ».";
  }
}
