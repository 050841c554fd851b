import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, REPO_ROOT, cliEnv, tempDataDir } from "../cliProcess.js";

const scenario = JSON.parse(readFileSync(new URL("./scenario.json", import.meta.url), "utf8")) as unknown;

describe("facturation mcp (stdio)", { timeout: 180_000 }, () => {
  let client: Client | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it("serves the registry over stdio: lists every tool with annotations and output schema, calls a read tool, keeps serving after bad input", async () => {
    const dataDir = tempDataDir();
    const transport = new StdioClientTransport({ command: process.execPath, args: [...CLI, "--data-dir", dataDir, "mcp"], cwd: REPO_ROOT, env: cliEnv(), stderr: "pipe" });
    let stderr = "";
    transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    client = new Client({ name: "test-stdio", version: "1.0.0" });
    await client.connect(transport);

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(["simulate_schedule", "issue_invoice"]));
    for (const tool of tools) {
      expect(tool.outputSchema?.type).toBe("object");
      expect(tool.annotations?.readOnlyHint).toBeTypeOf("boolean");
    }

    const bad = await client.callTool({ name: "simulate_schedule", arguments: { scenario: { pricing: { type: "flat", amount: "abc" }, schedule: [], events: [] } } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain("scenario.pricing.amount");

    const result = await client.callTool({ name: "simulate_schedule", arguments: { scenario } });
    expect(result.structuredContent).toMatchObject({ closed: true, invoices: [{ kind: "deposit", amountDue: "450.00" }, { kind: "invoice", amountDue: "900.00" }] });
    expect(stderr).toContain("[facturation mcp] prêt");
  });
});
