import { existsSync } from "node:fs";
import { openDatabase, resolveDataDir } from "../../db/connection.js";
import { configureReminderDeliveryFor } from "../reminders/reminderDelivery.js";
import { SystemError } from "../../engine/errors.js";
import { ACTIONS } from "../index.js";
import { controlSocketPath } from "../server/controlChannel.js";
import { businessDay } from "../businessDay.js";
import { confirmationPolicyFromSettings } from "./confirmationPolicy.js";
import { dbConfirmationStore } from "./dbConfirmationStore.js";
import { localDesk, type PendingActionDesk } from "./pendingActionDesk.js";
import { remoteDesk } from "./remoteDesk.js";

/**
 * The desk `facturation confirm` / `pending` work on: the database itself when this process can
 * open it (PostgreSQL, or a free PGlite folder), otherwise — the folder being held by a running
 * `facturation mcp` / `serve` — that server's control socket in the same folder.
 */
export async function openDesk(
  dataDir: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<{ readonly desk: PendingActionDesk; readonly via: "database" | "server"; close(): Promise<void> }> {
  const today = businessDay(env);
  try {
    const opened = await openDatabase({ dataDir, env });
    configureReminderDeliveryFor(dataDir, env);
    const desk = localDesk({
      store: dbConfirmationStore(opened.db),
      actions: ACTIONS,
      policy: confirmationPolicyFromSettings(opened.db, env),
      now: () => new Date(),
      today,
    });
    return { desk, via: "database", close: () => opened.close() };
  } catch (error) {
    const socket = controlSocketPath(resolveDataDir(dataDir, env));
    if (error instanceof SystemError && error.code === "data_dir_locked" && existsSync(socket)) {
      return { desk: remoteDesk(socket), via: "server", close: async () => {} };
    }
    throw error;
  }
}
