import { z } from "zod";
import type { AgentDefinition } from "../definitions/agentDefinition.js";
import type { PendingActionRef } from "../runtime/pendingActionRef.js";
import type { ToolGateway } from "../runtime/toolGateway.js";
import type { ConversationContext } from "../understanding/conversationContext.js";
import type { TokenUsage } from "./tokenUsage.js";

/** One message of the conversation as the runners keep it: plain French text, by who said it. */
export const ConversationTurnSchema = z.object({
  role: z.enum(["user", "assistant"]),
  text: z.string(),
});
export type ConversationTurn = z.infer<typeof ConversationTurnSchema>;

export interface AgentRunInput {
  readonly agent: AgentDefinition;
  /** The conversation so far, oldest first, ending with the user's request. */
  readonly history: readonly ConversationTurn[];
  readonly gateway: ToolGateway;
  /** Facts the runtime knows about the conversation (client or project in focus…), given to the agent as context. */
  readonly context?: string;
  /** The same facts, structured (client, project, invoice in focus, previous intent): what the offline runner reads. */
  readonly focus?: ConversationContext;
  /** Receives the answer's text as it is produced (for the terminal). */
  readonly onText?: (delta: string) => void;
  readonly signal?: AbortSignal;
}

/** One tool call the agent made during its turn, as the runtime saw it. */
export interface ToolCallRecord {
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
  readonly isError: boolean;
  /** Refused by the runtime (tool not in the agent's allowlist): nothing was executed. */
  readonly refused: boolean;
  readonly structuredContent: Record<string, unknown> | undefined;
}

export type AgentRunStatus = "completed" | "max_turns" | "max_tokens" | "refusal";

export interface AgentRunResult {
  /** The final answer, in French. */
  readonly text: string;
  readonly status: AgentRunStatus;
  readonly toolCalls: readonly ToolCallRecord[];
  /** Actions the tools proposed; each waits for the human's confirmation through the runtime. */
  readonly pendingActions: readonly PendingActionRef[];
  readonly usage: TokenUsage;
  /** The focus the agent ended on, when the runner knows it (the offline runner does); the orchestrator merges it. */
  readonly focus?: ConversationContext;
}

/** Runs one agent turn over a conversation with a tool gateway. Implemented by Claude and by the offline runner. */
export interface AgentRunner {
  run(input: AgentRunInput): Promise<AgentRunResult>;
}
