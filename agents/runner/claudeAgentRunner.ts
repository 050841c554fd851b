import Anthropic from "@anthropic-ai/sdk";
import { InputError, SystemError } from "../../engine/errors.js";
import type { AgentDefinition } from "../definitions/agentDefinition.js";
import { loadInstructions } from "../definitions/instructions.js";
import type { PendingActionRef } from "../runtime/pendingActionRef.js";
import type { ModelToolDefinition } from "../runtime/toolGateway.js";
import type { AgentRunInput, AgentRunResult, AgentRunStatus, AgentRunner, ToolCallRecord } from "./agentRunner.js";
import { createAnthropicClient } from "./anthropicClient.js";
import { fromClaudeApiError } from "./claudeApiError.js";
import { CLAUDE_DEFAULTS, type ClaudeSettings } from "./claudeSettings.js";
import { EMPTY_USAGE, addUsage, fromClaudeUsage } from "./tokenUsage.js";

type MessageParam = Anthropic.Messages.MessageParam;
type MessageCreateParams = Anthropic.Messages.MessageCreateParamsNonStreaming;

const CACHED = { type: "ephemeral" } as const;

export interface ClaudeAgentRunnerOptions {
  readonly client: Anthropic;
  readonly model: string;
  /** Model calls allowed in one agent turn (default 8). */
  readonly maxTurns?: number;
  readonly maxTokens?: number;
  /** Where instructions come from (default: `prompts/<agent>.md`). */
  readonly instructions?: (agent: AgentDefinition) => Promise<string>;
}

export function maxTurnsMessage(maxTurns: number): string {
  return `Je n'ai pas pu terminer cette demande en ${maxTurns} étapes. Précisez-la ou découpez-la en demandes plus simples, puis réessayez.`;
}

const STOP_NOTES: Partial<Record<AgentRunStatus, string>> = {
  max_tokens: "(Réponse tronquée : elle dépassait la longueur autorisée.)",
  refusal: "Je ne peux pas traiter cette demande.",
};

/** The tool list sent to the model; the last definition carries the cache breakpoint for the whole list. */
function toApiTools(tools: readonly ModelToolDefinition[]): Anthropic.Messages.Tool[] {
  return tools.map((tool, index) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { ...tool.input_schema, type: "object" },
    ...(index === tools.length - 1 ? { cache_control: CACHED } : {}),
  }));
}

/** The assistant's content as it is sent back on the next call (text and tool calls only). */
function toAssistantParam(message: Anthropic.Messages.Message): MessageParam {
  const content: Anthropic.Messages.ContentBlockParam[] = message.content.flatMap((block): Anthropic.Messages.ContentBlockParam[] => {
    if (block.type === "text") return [{ type: "text", text: block.text }];
    if (block.type === "tool_use") return [{ type: "tool_use", id: block.id, name: block.name, input: block.input }];
    return [];
  });
  return { role: "assistant", content };
}

function statusOf(stopReason: Anthropic.Messages.StopReason | null): AgentRunStatus {
  if (stopReason === "max_tokens") return "max_tokens";
  if (stopReason === "refusal") return "refusal";
  return "completed";
}

/**
 * One agent turn with Claude: a hand-written `messages.create` loop (never the SDK's tool runner),
 * every tool call dispatched through the agent's gateway, bounded by `maxTurns`.
 */
export class ClaudeAgentRunner implements AgentRunner {
  private readonly client: Anthropic;
  private readonly model: string;
  private readonly maxTurns: number;
  private readonly maxTokens: number;
  private readonly instructions: (agent: AgentDefinition) => Promise<string>;

  constructor(options: ClaudeAgentRunnerOptions) {
    this.client = options.client;
    this.model = options.model;
    this.maxTurns = options.maxTurns ?? CLAUDE_DEFAULTS.maxTurns;
    this.maxTokens = options.maxTokens ?? CLAUDE_DEFAULTS.maxTokens;
    this.instructions = options.instructions ?? loadInstructions;
  }

  static fromSettings(settings: ClaudeSettings): ClaudeAgentRunner {
    return new ClaudeAgentRunner({
      client: createAnthropicClient(settings),
      model: settings.model,
      maxTurns: settings.maxTurns,
      maxTokens: settings.maxTokens,
    });
  }

  async run(input: AgentRunInput): Promise<AgentRunResult> {
    const last = input.history.at(-1);
    if (last === undefined || last.role !== "user") {
      throw new InputError("la conversation doit se terminer par une demande de l'utilisateur", { field: "history" });
    }
    if (input.gateway.agent !== input.agent.name) {
      throw new SystemError(`la passerelle d'outils de l'agent ${input.gateway.agent} ne peut pas servir l'agent ${input.agent.name}`);
    }
    const system: Anthropic.Messages.TextBlockParam[] = [
      { type: "text", text: await this.instructions(input.agent), cache_control: CACHED },
      ...(input.context ? [{ type: "text" as const, text: `Contexte de la conversation :\n${input.context}` }] : []),
    ];
    const tools = toApiTools(await input.gateway.listTools());
    const messages: MessageParam[] = input.history.map((turn) => ({ role: turn.role, content: turn.text }));
    const toolCalls: ToolCallRecord[] = [];
    const pendingActions: PendingActionRef[] = [];
    const texts: string[] = [];
    let usage = EMPTY_USAGE;

    for (let turn = 0; turn < this.maxTurns; turn += 1) {
      const params: MessageCreateParams = {
        model: this.model,
        max_tokens: this.maxTokens,
        system,
        messages,
        ...(tools.length > 0
          ? { tools, tool_choice: { type: "auto", disable_parallel_tool_use: input.agent.disableParallelToolUse } }
          : {}),
      };
      const message = await this.createMessage(params, input, texts.length > 0);
      usage = addUsage(usage, fromClaudeUsage(message.usage));
      const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
      if (text !== "") texts.push(text);
      messages.push(toAssistantParam(message));

      const toolUses = message.content.filter((block): block is Anthropic.Messages.ToolUseBlock => block.type === "tool_use");
      if (message.stop_reason !== "tool_use" || toolUses.length === 0) {
        const status = statusOf(message.stop_reason);
        const note = STOP_NOTES[status];
        if (note !== undefined) {
          input.onText?.(`${texts.length > 0 ? "\n\n" : ""}${note}`);
          texts.push(note);
        }
        return { text: texts.join("\n\n"), status, toolCalls, pendingActions, usage };
      }

      const results: Anthropic.Messages.ToolResultBlockParam[] = [];
      for (const toolUse of toolUses) {
        const outcome = await input.gateway.callTool(toolUse.name, toolUse.input);
        toolCalls.push({
          id: toolUse.id,
          name: toolUse.name,
          input: toolUse.input,
          isError: outcome.isError,
          refused: outcome.refused,
          structuredContent: outcome.structuredContent,
        });
        if (outcome.pendingAction !== undefined) pendingActions.push(outcome.pendingAction);
        results.push({
          type: "tool_result",
          tool_use_id: toolUse.id,
          content: outcome.text,
          ...(outcome.isError ? { is_error: true } : {}),
        });
      }
      messages.push({ role: "user", content: results });
    }

    const stop = maxTurnsMessage(this.maxTurns);
    input.onText?.(`${texts.length > 0 ? "\n\n" : ""}${stop}`);
    texts.push(stop);
    return { text: texts.join("\n\n"), status: "max_turns", toolCalls, pendingActions, usage };
  }

  /** One model call: streamed to `onText` when given, plain JSON otherwise. */
  private async createMessage(params: MessageCreateParams, input: AgentRunInput, textAlreadyShown: boolean): Promise<Anthropic.Messages.Message> {
    const options = input.signal === undefined ? {} : { signal: input.signal };
    try {
      const onText = input.onText;
      if (onText === undefined) return await this.client.messages.create(params, options);
      const stream = this.client.messages.stream(params, options);
      let separate = textAlreadyShown;
      stream.on("text", (delta) => {
        if (separate) {
          onText("\n\n");
          separate = false;
        }
        onText(delta);
      });
      return await stream.finalMessage();
    } catch (error) {
      throw fromClaudeApiError(error);
    }
  }
}
