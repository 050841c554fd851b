import { userInfo } from "node:os";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { InputError } from "../../engine/errors.js";
import { resolveDataDir } from "../../db/connection.js";
import { configureReminderDelivery } from "../../tools/reminders/reminderDelivery.js";
import { localDesk, type PendingActionDesk } from "../../tools/confirmation/pendingActionDesk.js";
import { openToolRuntime, type ToolRuntime } from "../../tools/server/toolRuntime.js";
import { RoleSchema, sessionFromEnv, type Session } from "../../tools/session.js";
import type { Database } from "../../db/database.js";
import type { SpecialistAgentName } from "../definitions/agentName.js";
import { OfflineAgentRunner } from "../offline/offlineAgentRunner.js";
import { Orchestrator, type OrchestratorOptions } from "../orchestrator/orchestrator.js";
import type { AgentRunner } from "../runner/agentRunner.js";
import { ClaudeAgentRunner } from "../runner/claudeAgentRunner.js";
import { ClaudeRouter } from "../runner/claudeRouter.js";
import { claudeSettingsFromEnv, type ClaudeSettings } from "../runner/claudeSettings.js";
import { EMPTY_USAGE, type TokenUsage } from "../runner/tokenUsage.js";
import { connectToolGateway, type ToolGateway } from "../runtime/toolGateway.js";
import { offlineRouter } from "../understanding/offlineRouter.js";
import type { Router } from "../understanding/router.js";

export interface ChatSessionOptions {
  /** `--data-dir` (else FACTURATION_DATA_DIR, DATABASE_URL or ~/.facturation). */
  readonly dataDir?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** `--user` / `--role`: who is at the terminal (never a model's say). */
  readonly user?: string | undefined;
  readonly role?: string | undefined;
  /** Fills an empty database with the demo company (the chat's default on a fresh data folder). */
  readonly loadDemo?: (db: Database, today: IsoDate) => Promise<unknown>;
  /** Claude settings (default: from the environment; undefined → offline). */
  readonly claude?: ClaudeSettings | null;
}

/** Everything one conversation runs on: the database, the tools per agent, the runner and router. */
export interface ChatSession {
  readonly session: Session;
  readonly runtime: ToolRuntime;
  readonly desk: PendingActionDesk;
  readonly mode: "claude" | "offline";
  readonly model: string | undefined;
  /** A new orchestrator over this session's tools, runner and router. */
  orchestrator(options: Pick<OrchestratorOptions, "confirm" | "onAgent" | "onText" | "state">): Orchestrator;
  /** Tokens spent on routing (Claude only). */
  routingUsage(): TokenUsage;
  close(): Promise<void>;
}

function chatUser(options: ChatSessionOptions, env: NodeJS.ProcessEnv): Session {
  const base = sessionFromEnv("chat", env, userInfo().username);
  let role = base.role;
  if (options.role !== undefined) {
    const parsed = RoleSchema.safeParse(options.role);
    if (!parsed.success) throw new InputError("rôle inconnu (project_manager, finance ou admin)", { field: "--role" });
    role = parsed.data;
  }
  return { userId: options.user?.trim() || base.userId, role, channel: "chat" };
}

/**
 * Opens a conversation's runtime: the database (demo data loaded into an empty one), the tools
 * server per agent restricted to its allowlist (an MCP client over an in-memory transport, bound
 * to the terminal's session), Claude when ANTHROPIC_API_KEY is set or the offline runner, and
 * the gate's desk for confirmations in the chat.
 */
export async function openChatSession(options: ChatSessionOptions = {}): Promise<ChatSession> {
  const env = options.env ?? process.env;
  const session = chatUser(options, env);
  const claude = options.claude === undefined ? claudeSettingsFromEnv(env) : (options.claude ?? undefined);
  const runtime = await openToolRuntime({ dataDir: options.dataDir, env });
  // Reminders confirmed in this conversation go to this data folder's outbox (or SMTP_URL).
  const smtpUrl = env.SMTP_URL?.trim();
  configureReminderDelivery({ dataDir: resolveDataDir(options.dataDir, env), ...(smtpUrl ? { smtpUrl } : {}) });
  try {
    if (options.loadDemo) await options.loadDemo(runtime.opened.db, runtime.deps.today());
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const desk = localDesk(runtime.deps);
  const gateways = new Map<SpecialistAgentName, Promise<ToolGateway>>();
  const gateway = (agent: SpecialistAgentName): Promise<ToolGateway> => {
    let open = gateways.get(agent);
    if (open === undefined) {
      open = connectToolGateway({ agent, createServer: (profile) => runtime.createServer(session, profile.allowedTools) });
      gateways.set(agent, open);
    }
    return open;
  };
  const router: Router & { readonly usage?: TokenUsage } = claude ? ClaudeRouter.fromSettings(claude) : offlineRouter;
  const runner: AgentRunner = claude ? ClaudeAgentRunner.fromSettings(claude) : new OfflineAgentRunner({ today: runtime.deps.today });
  return {
    session,
    runtime,
    desk,
    mode: claude ? "claude" : "offline",
    model: claude?.model,
    orchestrator: (extra) => new Orchestrator({ router, runner, gateway, ...extra }),
    routingUsage: () => router.usage ?? EMPTY_USAGE,
    async close() {
      for (const open of gateways.values()) await (await open).close();
      await runtime.close();
    },
  };
}
