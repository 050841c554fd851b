import { openDatabase, resolveDataDir, type OpenedDatabase } from "../../db/connection.js";
import { configureReminderDeliveryFor } from "../reminders/reminderDelivery.js";
import { businessDay } from "../businessDay.js";
import type { ActionRegistry } from "../confirmation/actionRegistry.js";
import type { ConfirmationDeps } from "../confirmation/confirmationDeps.js";
import { confirmationPolicyFromSettings } from "../confirmation/confirmationPolicy.js";
import { dbConfirmationStore } from "../confirmation/dbConfirmationStore.js";
import { localDesk } from "../confirmation/pendingActionDesk.js";
import { ACTIONS, TOOLS } from "../index.js";
import type { ResourceDefinition } from "../resources/resourceDefinition.js";
import { RESOURCES } from "../resources/index.js";
import type { Session } from "../session.js";
import type { Tool } from "../toolDefinition.js";
import { loadAgentPrompts } from "./agentPrompts.js";
import { controlSocketPath, listenControlChannel } from "./controlChannel.js";
import { createMcpServer } from "./createMcpServer.js";

export interface ToolRuntimeOptions {
  readonly dataDir?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly tools?: readonly Tool[];
  readonly actions?: ActionRegistry;
  readonly resources?: readonly ResourceDefinition[];
  /** The clock (FACTURATION_TODAY, when set, pins the business date: see businessDay). */
  readonly now?: () => Date;
  /** Where a pending action is confirmed on the web (`facturation serve`'s workspace), for the proposals' answers. */
  readonly confirmationUrl?: (actionId: string) => string | undefined;
}

/**
 * What `facturation mcp` and `serve` share: the database (via `openDatabase`, so the same
 * `--data-dir` / DATABASE_URL rules), the gate's dependencies, the prompts, a server factory per
 * session, and — on an embedded PGlite folder — the control socket for out-of-band confirmations.
 */
export async function openToolRuntime(options: ToolRuntimeOptions = {}) {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const today = businessDay(env, now);
  const opened: OpenedDatabase = await openDatabase({ dataDir: options.dataDir, env });
  configureReminderDeliveryFor(options.dataDir, env);
  const deps: ConfirmationDeps = {
    store: dbConfirmationStore(opened.db),
    actions: options.actions ?? ACTIONS,
    policy: confirmationPolicyFromSettings(opened.db, env),
    now,
    today,
    confirmationUrl: options.confirmationUrl,
  };
  const prompts = await loadAgentPrompts();
  const tools = options.tools ?? TOOLS;
  const resources = options.resources ?? RESOURCES;
  const control =
    opened.backend === "pglite" && opened.location !== ":memory:"
      ? await listenControlChannel(controlSocketPath(resolveDataDir(options.dataDir, env)), localDesk(deps))
      : undefined;
  return {
    opened,
    deps,
    createServer: (session: Session, allow: readonly string[], onUnexpectedError?: (error: unknown) => void) =>
      createMcpServer({ tools, allow, resources, prompts, db: opened.db, session, confirmation: deps, ...(onUnexpectedError ? { onUnexpectedError } : {}) }),
    async close() {
      await control?.close();
      await opened.close();
    },
  };
}
export type ToolRuntime = Awaited<ReturnType<typeof openToolRuntime>>;
