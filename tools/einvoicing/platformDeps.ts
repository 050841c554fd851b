import type { Database } from "../../db/database.js";
import type { DirectoryClient } from "./directoryClient.js";
import type { FlowServiceClient } from "./flowServiceClient.js";

/** What talking to the Plateforme Agréée needs, built by the composition root (the CLI). */
export interface PlatformDeps {
  readonly db: Database;
  readonly flows: FlowServiceClient;
  readonly directory?: DirectoryClient | undefined;
  readonly now: () => Date;
  /** Who acts, for the audit log (the user of `pa send`, or « plateforme-agreee » for the background loop). */
  readonly actor: string;
  readonly channel: string;
  /** One French line per event; never a token. */
  readonly log: (line: string) => void;
}

/** Wait before retrying the n-th failed attempt (network, 429, 5xx): 30 s, 1 min, 2 min… capped at 1 h. */
export function depositBackoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}
