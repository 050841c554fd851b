/**
 * vitest global setup: compiles the product (incremental `tsc -p tsconfig.json` into dist/) once per
 * run, so the tests that spawn the real CLI run `node dist/cli/facturation.js` — the same
 * entry `npx facturation` uses — without paying a TypeScript loader at every spawn; and trains the
 * intent model again when its corpus, vocabulary or trainer changed since it was built.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

function newestInput(root: string): number {
  const inputs = ["agents/understanding/corpus/templates", "agents/understanding/corpus", "agents/understanding/classifier", "agents/understanding"];
  let newest = 0;
  for (const dir of inputs) {
    for (const name of readdirSync(join(root, dir))) {
      const path = join(root, dir, name);
      if (statSync(path).isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
  const models = ["agents/understanding/model/intentModel.json", "dist/agents/understanding/model/intentModel.json"].map((p) => join(root, p));
  const built = Math.min(...models.map((m) => (existsSync(m) ? statSync(m).mtimeMs : 0)));
  if (built < newestInput(root)) execFileSync(process.execPath, ["dist/agents/understanding/classifier/buildIntentModel.js"], { cwd: root, stdio: "inherit" });
}
