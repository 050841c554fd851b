import type { z } from "zod";
import type { ToolCallRecord } from "../runner/agentRunner.js";
import type { PendingActionRef } from "../runtime/pendingActionRef.js";
import type { ToolGateway } from "../runtime/toolGateway.js";
import { isToolAllowed } from "../definitions/allowlist.js";
import type { ToolName } from "../definitions/toolName.js";

/** A tool call as the offline runner sees it: parsed structured face, or the tool's French error. */
export type ToolReply<T> =
  | { readonly ok: true; readonly value: T; readonly text: string; readonly pendingAction: PendingActionRef | undefined }
  | { readonly ok: false; readonly error: string };

/**
 * The offline runner's access to the tools during one agent turn: every call goes through the
 * agent's gateway (its allowlist applies), is recorded for the turn's report, and its structured
 * face is parsed with zod (never cast). A reply that does not match is reported as an error.
 */
export class ToolSession {
  readonly calls: ToolCallRecord[] = [];
  readonly pending: PendingActionRef[] = [];
  private counter = 0;

  constructor(private readonly gateway: ToolGateway) {}

  get agent() {
    return this.gateway.agent;
  }

  /** True when the agent may call `name` (the gateway would refuse it otherwise). */
  can(name: ToolName): boolean {
    return isToolAllowed(this.gateway.agent, name);
  }

  async call<S extends z.ZodType>(name: ToolName, input: Record<string, unknown>, schema: S): Promise<ToolReply<z.output<S>>> {
    const outcome = await this.gateway.callTool(name, input);
    this.counter += 1;
    this.calls.push({
      id: `offline_${this.counter}`,
      name,
      input,
      isError: outcome.isError,
      refused: outcome.refused,
      structuredContent: outcome.structuredContent,
    });
    if (outcome.pendingAction !== undefined) this.pending.push(outcome.pendingAction);
    if (outcome.isError) return { ok: false, error: firstLine(outcome.text) };
    const parsed = schema.safeParse(outcome.structuredContent);
    if (!parsed.success) return { ok: false, error: `réponse inattendue de l'outil « ${name} »` };
    return { ok: true, value: parsed.data, text: firstLine(outcome.text), pendingAction: outcome.pendingAction };
  }
}

/** The French text face without the JSON the gateway appends for models. */
function firstLine(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.startsWith("{"))
    .join("\n")
    .trim();
}
