import { rmSync } from "node:fs";
import { join } from "node:path";
import { acquireDataDirLock } from "../dataDirLock.js";

/**
 * Wipes a PGlite data folder (the database and the local outbox) under its lock, so that a process
 * using it is never pulled from under: a live owner makes this refuse (`data_dir_locked`).
 */
export function resetDataDir(dataDir: string): void {
  const release = acquireDataDirLock(dataDir);
  try {
    rmSync(join(dataDir, "pgdata"), { recursive: true, force: true });
    rmSync(join(dataDir, "outbox"), { recursive: true, force: true });
  } finally {
    release();
  }
}
