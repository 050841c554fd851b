/**
 * vitest global setup: compiles the product (incremental `tsc -p tsconfig.json` into dist/) once per
 * run, so the tests that spawn the real CLI run `node dist/agents/cli/facturation.js` — the same
 * entry `npx facturation` uses — without paying a TypeScript loader at every spawn.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
}
