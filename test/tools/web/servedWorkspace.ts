/**
 * A real `facturation serve` (the compiled CLI, as a person starts it) on a fresh data folder, with a
 * team of two and the business day pinned, plus an MCP client over HTTP for each person: what the
 * web workspace tests (plain HTTP and Chromium) and the terminal tests run against.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { z } from "zod";
import { openDatabase } from "../../../db/connection.js";
import { loadDemoData } from "../../../db/demo/ensureDemoData.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import type { Database } from "../../../db/database.js";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";
import { line, seedBasics } from "../../db/fixtures.js";
import { CLI, REPO_ROOT, cliEnv, tempDataDir, waitFor } from "../cliProcess.js";

export const FINANCE_TOKEN = "jeton-farid-finance-0123456789";
export const MANAGER_TOKEN = "jeton-claire-projets-0123456789";
export const TEAM = `farid:finance:${FINANCE_TOKEN},claire:project_manager:${MANAGER_TOKEN}`;

export interface ServedWorkspace {
  readonly dataDir: string;
  readonly origin: string;
  readonly mcpUrl: URL;
  readonly drafts: readonly number[];
  /** Drafts above the finance threshold (12 000,00 € HT each). */
  readonly largeDrafts: readonly number[];
  readonly stderr: () => string;
  /** An MCP client over HTTP with this person's token. */
  mcp(token: string): Promise<Client>;
  /** Calls a tool and parses its structured answer. */
  call<S extends z.ZodType>(client: Client, name: string, args: Record<string, unknown>, schema: S): Promise<z.infer<S>>;
  stop(): Promise<void>;
}

/**
 * `seed: "demo"` loads the demo company for the suite's demo day and adds drafts for its first client;
 * `seed: "basics"` one client and the drafts only (fast).
 */
export async function startServedWorkspace(options: { readonly seed: "demo" | "basics"; readonly drafts?: number; readonly largeDrafts?: number }): Promise<ServedWorkspace> {
  const dataDir = tempDataDir();
  const opened = await openDatabase({ dataDir });
  const drafts: number[] = [];
  const largeDrafts: number[] = [];
  try {
    const db: Database = opened.db;
    let clientId: number;
    if (options.seed === "demo") {
      await loadDemoData(db, DEMO_TODAY);
      clientId = 1;
    } else {
      clientId = (await seedBasics(db)).client.id;
    }
    for (let i = 0; i < (options.drafts ?? 2); i++) {
      drafts.push((await createDraftInvoice(db, { kind: "invoice", clientId, issueDate: DEMO_TODAY, lines: [line("1000.00", { label: `Prestation ${i + 1}` })], createdBy: "claire" })).invoice.id);
    }
    for (let i = 0; i < (options.largeDrafts ?? 0); i++) {
      largeDrafts.push((await createDraftInvoice(db, { kind: "invoice", clientId, issueDate: DEMO_TODAY, lines: [line("12000.00", { label: `Lot ${i + 1}` })], createdBy: "claire" })).invoice.id);
    }
  } finally {
    await opened.close();
  }
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...CLI, "--data-dir", dataDir, "serve", "--port", "0"], {
    cwd: REPO_ROOT,
    env: cliEnv({ FACTURATION_MCP_TOKENS: TEAM, FACTURATION_TODAY: DEMO_TODAY }),
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const [, origin, mcp] = await waitFor(child, "stderr", /espace de travail sur (http:\/\/\S+?)\/ [\s\S]*à l'écoute sur (http:\/\/\S+\/mcp)/, 120_000);
  const clients: Client[] = [];
  return {
    dataDir,
    origin: origin!,
    mcpUrl: new URL(mcp!),
    drafts,
    largeDrafts,
    stderr: () => stderr,
    async mcp(token) {
      const client = new Client({ name: "client-sans-formulaire", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(mcp!), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
      clients.push(client);
      return client;
    },
    async call(client, name, args, schema) {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError) throw new Error(`${name} refused: ${JSON.stringify(result.content)}`);
      return schema.parse(result.structuredContent);
    },
    async stop() {
      for (const c of clients) await c.close().catch(() => undefined);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
