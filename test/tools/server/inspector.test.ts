import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CLI, REPO_ROOT, cliEnv, tempDataDir } from "../cliProcess.js";

const run = promisify(execFile);
const inspectorCli = join(dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/inspector/package.json")), "cli/build/cli.js");
const scenario = readFileSync(new URL("./scenario.json", import.meta.url), "utf8");

async function inspect(args: readonly string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [inspectorCli, "--cli", process.execPath, ...CLI, "--data-dir", tempDataDir(), "mcp", ...args], {
    cwd: REPO_ROOT,
    env: cliEnv(),
    timeout: 120_000,
  });
  return JSON.parse(stdout) as unknown;
}

describe("the official MCP Inspector (CLI mode) against facturation mcp", { timeout: 180_000 }, () => {
  it("lists every tool with its output schema and annotations", async () => {
    const listed = (await inspect(["--method", "tools/list"])) as { tools: { name: string; outputSchema?: unknown; annotations?: unknown; title?: string }[] };
    expect(listed.tools.length).toBeGreaterThan(0);
    for (const tool of listed.tools) {
      expect(tool.outputSchema, tool.name).toMatchObject({ type: "object" });
      expect(tool.annotations, tool.name).toMatchObject({ readOnlyHint: expect.any(Boolean) });
      expect(tool.title, tool.name).toMatch(/\S/);
    }
  });

  it("calls a read tool and gets its structured result", async () => {
    const result = (await inspect(["--method", "tools/call", "--tool-name", "simulate_schedule", "--tool-arg", `scenario=${scenario}`])) as {
      structuredContent: { invoices: { amountDue: string }[]; closed: boolean };
    };
    expect(result.structuredContent.invoices.map((i) => i.amountDue)).toEqual(["450.00", "900.00"]);
    expect(result.structuredContent.closed).toBe(true);
  });
});
