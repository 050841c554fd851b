import { userInfo } from "node:os";
import type { Database } from "../db/database.js";
import type { IsoDate } from "../engine/dates/plainDate.js";
import { InputError } from "../engine/errors.js";
import { localDesk } from "../tools/confirmation/pendingActionDesk.js";
import { openToolRuntime, type ToolRuntime } from "../tools/server/toolRuntime.js";
import { RoleSchema, sessionFromEnv, type Session } from "../tools/session.js";
import { createChatSession, type ChatSession } from "../agents/chat/chatSession.js";
import { OfflineAgentRunner } from "../agents/offline/offlineAgentRunner.js";
import type { AgentRunner } from "../agents/runner/agentRunner.js";
import { ClaudeAgentRunner } from "../agents/runner/claudeAgentRunner.js";
import { ClaudeRouter } from "../agents/runner/claudeRouter.js";
import { claudeSettingsFromEnv, type ClaudeSettings } from "../agents/runner/claudeSettings.js";
import type { TokenUsage } from "../agents/runner/tokenUsage.js";
import { offlineRouter } from "../agents/understanding/offlineRouter.js";
import type { Router } from "../agents/understanding/router.js";

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

/** A conversation and the tool runtime it was opened on (the database, the gate's dependencies). */
export interface OpenedChatSession extends ChatSession {
  readonly runtime: ToolRuntime;
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
 * Opens a conversation for `chat` and `ask`: the tool runtime on the data folder (demo data loaded
 * into an empty one; reminders confirmed here go to its outbox or SMTP_URL), the tools server per
 * agent bound to the terminal's session, Claude when ANTHROPIC_API_KEY is set or the offline
 * runner, and the gate's desk for confirmations in the chat.
 */
export async function openChatSession(options: ChatSessionOptions = {}): Promise<OpenedChatSession> {
  const env = options.env ?? process.env;
  const session = chatUser(options, env);
  const claude = options.claude === undefined ? claudeSettingsFromEnv(env) : (options.claude ?? undefined);
  const runtime = await openToolRuntime({ dataDir: options.dataDir, env });
  try {
    if (options.loadDemo) await options.loadDemo(runtime.opened.db, runtime.deps.today());
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const router: Router & { readonly usage?: TokenUsage } = claude ? ClaudeRouter.fromSettings(claude) : offlineRouter;
  const runner: AgentRunner = claude ? ClaudeAgentRunner.fromSettings(claude) : new OfflineAgentRunner({ today: runtime.deps.today });
  const chat = createChatSession({
    session,
    desk: localDesk(runtime.deps),
    router,
    runner,
    createServer: (profile) => runtime.createServer(session, profile.allowedTools),
    mode: claude ? "claude" : "offline",
    model: claude?.model,
    close: () => runtime.close(),
  });
  return { ...chat, runtime };
}
