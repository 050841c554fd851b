import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throwaway PostgreSQL server for the test suite: initdb in a temp folder, a free port on
 * 127.0.0.1, trust authentication, durability switched off for speed. When we run as root the
 * server runs as the `postgres` user (initdb refuses root).
 */
export interface ThrowawayServer {
  readonly url: (database: string) => string;
  stop(): void;
}

/** initdb and pg_ctl from PATH or /usr/lib/postgresql/<version>/bin (newest first). */
export function findPostgresBinaries(): { initdb: string; pgCtl: string } | undefined {
  const dirs = (process.env.PATH ?? "").split(":").filter(Boolean);
  const versioned = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  for (const dir of [...dirs, ...versioned]) {
    const initdb = join(dir, "initdb");
    const pgCtl = join(dir, "pg_ctl");
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function asServerUser(command: string, args: readonly string[]): [string, string[]] {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, [...args]];
}

export async function startThrowawayPostgres(bins: { initdb: string; pgCtl: string }): Promise<ThrowawayServer> {
  const dir = mkdtempSync(join(tmpdir(), "facturation-pg-"));
  chmodSync(dir, 0o777);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) execFileSync("chown", ["postgres", dir]);
  const dataDir = join(dir, "data");
  const run = (command: string, args: readonly string[]) => {
    const [cmd, argv] = asServerUser(command, args);
    const result = spawnSync(cmd, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} a échoué : ${result.stderr || result.stdout}`);
  };
  run(bins.initdb, ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
  const port = await freePort();
  const serverOptions = [
    "-c listen_addresses=127.0.0.1",
    `-c port=${port}`,
    "-c unix_socket_directories=''",
    "-c max_connections=300",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c shared_buffers=64MB",
  ].join(" ");
  run(bins.pgCtl, ["-D", dataDir, "-l", join(dir, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"]);
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: () => {
      try {
        run(bins.pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
