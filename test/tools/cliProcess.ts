/** Helpers to run the real CLI (`node dist/cli/facturation.js …`, compiled by test/buildCli.ts) from tests. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = [join(REPO_ROOT, "dist/cli/facturation.js")];

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "facturation-"));
}

/** Environment for a spawned CLI: no DATABASE_URL (embedded PGlite), fixed operator identity. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== "DATABASE_URL") env[key] = value;
  return { ...env, FACTURATION_USER: "claire", FACTURATION_ROLE: "project_manager", ...extra };
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: REPO_ROOT, env: options.env ?? cliEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** Waits until `pattern` appears in what `stream` has produced; returns the match. */
export function waitFor(child: ChildProcessWithoutNullStreams, stream: "stdout" | "stderr", pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${pattern} in ${stream}: ${seen}`)), timeoutMs);
    const onData = (d: Buffer) => {
      seen += d.toString();
      const match = seen.match(pattern);
      if (match) {
        clearTimeout(timer);
        child[stream].off("data", onData);
        resolve(match);
      }
    };
    child[stream].on("data", onData);
  });
}
