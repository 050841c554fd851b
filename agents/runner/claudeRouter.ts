import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { ModelBehaviourError } from "../../engine/errors.js";
import type { AgentDefinition } from "../definitions/agentDefinition.js";
import { getAgentDefinition } from "../definitions/agentDefinition.js";
import { SpecialistAgentNameSchema } from "../definitions/agentName.js";
import { loadInstructions } from "../definitions/instructions.js";
import type { Router, RoutingContext, RoutingDecision } from "../understanding/router.js";
import { createAnthropicClient } from "./anthropicClient.js";
import { fromClaudeApiError } from "./claudeApiError.js";
import type { ClaudeSettings } from "./claudeSettings.js";
import { EMPTY_USAGE, addUsage, fromClaudeUsage, type TokenUsage } from "./tokenUsage.js";

export const ROUTE_TOOL_NAME = "route";

/** The routing tool's input: the specialists to call, in order; empty when the request is not billing. */
export const RouteToolInputSchema = z.object({
  agents: z
    .array(SpecialistAgentNameSchema)
    .max(SpecialistAgentNameSchema.options.length)
    .describe("Agents à appeler, dans l'ordre ; liste vide si la demande ne relève pas de la facturation."),
});

function routeTool(): Anthropic.Messages.Tool {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(RouteToolInputSchema);
  return {
    name: ROUTE_TOOL_NAME,
    description: "Donne la décision de routage : quel(s) agent(s) spécialisé(s) traitent la demande, dans l'ordre.",
    input_schema: { ...schema, type: "object" },
    cache_control: { type: "ephemeral" },
  };
}

function contextText(context: RoutingContext | undefined): string {
  if (context === undefined) return "";
  const lines: string[] = [];
  if (context.previousRequest) lines.push(`Demande précédente : « ${context.previousRequest} »`);
  if (context.previousAgents !== undefined) lines.push(`Agents de la demande précédente : ${context.previousAgents.join(", ") || "aucun"}`);
  return lines.length > 0 ? `${lines.join("\n")}\n\n` : "";
}

export interface ClaudeRouterOptions {
  readonly client: Anthropic;
  readonly model: string;
  readonly instructions?: (agent: AgentDefinition) => Promise<string>;
}

/** The orchestrator's routing by Claude: the decision is forced through the `route` tool (`tool_choice`). */
export class ClaudeRouter implements Router {
  private readonly client: Anthropic;
  private readonly model: string;
  private readonly instructions: (agent: AgentDefinition) => Promise<string>;
  private spent: TokenUsage = EMPTY_USAGE;

  constructor(options: ClaudeRouterOptions) {
    this.client = options.client;
    this.model = options.model;
    this.instructions = options.instructions ?? loadInstructions;
  }

  static fromSettings(settings: ClaudeSettings): ClaudeRouter {
    return new ClaudeRouter({ client: createAnthropicClient(settings), model: settings.model });
  }

  /** Tokens spent by every routing call so far (for `--verbose`). */
  get usage(): TokenUsage {
    return this.spent;
  }

  async route(text: string, context?: RoutingContext): Promise<RoutingDecision> {
    const instructions = await this.instructions(getAgentDefinition("facturation-orchestrator"));
    let message: Anthropic.Messages.Message;
    try {
      message = await this.client.messages.create({
        model: this.model,
        max_tokens: 256,
        system: [{ type: "text", text: instructions, cache_control: { type: "ephemeral" } }],
        tools: [routeTool()],
        tool_choice: { type: "tool", name: ROUTE_TOOL_NAME, disable_parallel_tool_use: true },
        messages: [{ role: "user", content: `${contextText(context)}Demande : ${text}` }],
      });
    } catch (error) {
      throw fromClaudeApiError(error);
    }
    this.spent = addUsage(this.spent, fromClaudeUsage(message.usage));
    const call = message.content.find((block) => block.type === "tool_use" && block.name === ROUTE_TOOL_NAME);
    const parsed = RouteToolInputSchema.safeParse(call?.type === "tool_use" ? call.input : undefined);
    if (!parsed.success) {
      throw new ModelBehaviourError("la décision de routage renvoyée par le modèle est invalide", { field: "route.agents" });
    }
    return { agents: [...new Set(parsed.data.agents)] };
  }
}
