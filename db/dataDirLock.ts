import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { SystemError } from "../engine/errors.js";

export const LOCK_FILE_NAME = "facturation.lock";

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PGlite is single-process: the data folder holds a lock file with the owner's pid. A stale lock
 * (dead process) is taken over; a live one is refused with `data_dir_locked`.
 * Returns the release function.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readPid(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new SystemError(`impossible de créer le verrou du dossier de données ${dataDir} : ${(error as Error).message}`, {
          code: "data_dir_unavailable",
          cause: error,
        });
      }
      const owner = readPid(path);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new SystemError(
          `le dossier de données ${dataDir} est déjà utilisé par un autre processus (pid ${owner}). ` +
            "La base intégrée (PGlite) n'accepte qu'un processus à la fois : arrêtez l'autre processus, " +
            "ou partagez une base PostgreSQL entre plusieurs processus en définissant DATABASE_URL.",
          { code: "data_dir_locked" },
        );
      }
      if (owner === process.pid) {
        throw new SystemError(`le dossier de données ${dataDir} est déjà ouvert par ce processus`, { code: "data_dir_locked" });
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new SystemError(`impossible de prendre le verrou du dossier de données ${dataDir}`, { code: "data_dir_locked" });
}
