import type { PendingActionDesk } from "../../tools/confirmation/pendingActionDesk.js";
import type { Session } from "../../tools/session.js";
import type { SpecialistAgentName } from "../definitions/agentName.js";
import { Orchestrator, type OrchestratorOptions } from "../orchestrator/orchestrator.js";
import type { AgentRunner } from "../runner/agentRunner.js";
import { EMPTY_USAGE, type TokenUsage } from "../runner/tokenUsage.js";
import { connectToolGateway, type ToolGateway, type ToolServerFactory } from "../runtime/toolGateway.js";
import type { Router } from "../understanding/router.js";

/** Everything one conversation runs on: who speaks, the gate's desk, the tools per agent, the runner and router. */
export interface ChatSession {
  readonly session: Session;
  readonly desk: PendingActionDesk;
  readonly mode: "claude" | "offline";
  readonly model: string | undefined;
  /** A new orchestrator over this session's tools, runner and router. */
  orchestrator(options: Pick<OrchestratorOptions, "confirm" | "onAgent" | "onText" | "state">): Orchestrator;
  /** Tokens spent on routing (Claude only). */
  routingUsage(): TokenUsage;
  close(): Promise<void>;
}

/** What the composition root hands a conversation: it opens them, the conversation only uses them. */
export interface ChatSessionParts {
  readonly session: Session;
  readonly desk: PendingActionDesk;
  readonly router: Router & { readonly usage?: TokenUsage };
  readonly runner: AgentRunner;
  /** The tools server for one agent's profile (its allowlist), bound to `session` by the caller. */
  readonly createServer: ToolServerFactory;
  readonly mode: "claude" | "offline";
  readonly model: string | undefined;
  /** Releases what the composition root opened; called after every agent's tool client is closed. */
  readonly close: () => Promise<void>;
}

/**
 * A conversation over the parts it is given: each specialist agent reaches the tools through its
 * own MCP client (opened on first use, restricted to its allowlist), and the orchestrator routes.
 */
export function createChatSession(parts: ChatSessionParts): ChatSession {
  const gateways = new Map<SpecialistAgentName, Promise<ToolGateway>>();
  const gateway = (agent: SpecialistAgentName): Promise<ToolGateway> => {
    let open = gateways.get(agent);
    if (open === undefined) {
      open = connectToolGateway({ agent, createServer: parts.createServer });
      gateways.set(agent, open);
    }
    return open;
  };
  const { router, runner } = parts;
  return {
    session: parts.session,
    desk: parts.desk,
    mode: parts.mode,
    model: parts.model,
    orchestrator: (extra) => new Orchestrator({ router, runner, gateway, ...extra }),
    routingUsage: () => router.usage ?? EMPTY_USAGE,
    async close() {
      for (const open of gateways.values()) await (await open).close();
      await parts.close();
    },
  };
}
