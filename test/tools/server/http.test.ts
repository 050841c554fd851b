import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";
import { CLI, REPO_ROOT, cliEnv, runCli, tempDataDir, waitFor } from "../cliProcess.js";

const TOKEN = "jeton-de-test-0123456789abcdef";

function rawPost(url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } });
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("facturation serve (Streamable HTTP)", { timeout: 180_000 }, () => {
  let server: ChildProcessWithoutNullStreams;
  let url: URL;
  let stderr = "";

  beforeAll(async () => {
    server = spawn(process.execPath, [...CLI, "--data-dir", tempDataDir(), "serve", "--port", "0"], { cwd: REPO_ROOT, env: cliEnv({ FACTURATION_MCP_TOKEN: TOKEN }) });
    server.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const [, address] = await waitFor(server, "stderr", /à l'écoute sur (http:\/\/\S+\/mcp)/);
    url = new URL(address!);
  });
  afterAll(() => {
    server.kill("SIGTERM");
  });

  it("serves a client that sends the bearer token", async () => {
    const client = new Client({ name: "test-http", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("simulate_schedule");
    await client.close();
  });

  it("refuses requests without the token, or with another one, with 401", async () => {
    expect(await rawPost(url, {})).toBe(401);
    expect(await rawPost(url, { authorization: "Bearer mauvais-jeton-0123456789" })).toBe(401);
    const client = new Client({ name: "test-http", version: "1.0.0" });
    await expect(client.connect(new StreamableHTTPClientTransport(url))).rejects.toThrow();
  });

  it("refuses a foreign Host header (DNS rebinding) even with the token", async () => {
    expect(await rawPost(url, { authorization: `Bearer ${TOKEN}`, host: "evil.example:80" })).toBe(403);
  });

  it("never writes the token in its logs", () => {
    expect(stderr).toContain("jeton absent ou invalide (401)");
    expect(stderr).not.toContain(TOKEN);
  });

  it("refuses to start without a token", async () => {
    const env = cliEnv();
    delete env.FACTURATION_MCP_TOKEN;
    const result = await runCli(["--data-dir", tempDataDir(), "serve", "--port", "0"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("FACTURATION_MCP_TOKEN : définissez un jeton");
  });
});

describe("facturation serve for a team (FACTURATION_MCP_TOKENS)", { timeout: 180_000 }, () => {
  const ALICE = "alice-jeton-0123456789abcdef";
  const BOB = "bob-jeton-0123456789abcdef00";
  let server: ChildProcessWithoutNullStreams;
  let url: URL;
  let dataDir: string;
  let stderr = "";

  const connectAs = async (token: string) => {
    const client = new Client({ name: "test-team", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
    await client.connect(transport);
    return { client, transport };
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    // The demo and the server on one pinned day: what is unpaid depends on the day the demo is generated for.
    expect((await runCli(["--data-dir", dataDir, "demo", "--reset", "--today", DEMO_TODAY])).code).toBe(0);
    const env = cliEnv({ FACTURATION_TODAY: DEMO_TODAY, FACTURATION_MCP_TOKENS: `alice:finance:${ALICE},bob:project_manager:${BOB}` });
    delete env.FACTURATION_MCP_TOKEN;
    server = spawn(process.execPath, [...CLI, "--data-dir", dataDir, "serve", "--port", "0"], { cwd: REPO_ROOT, env });
    server.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const [, address] = await waitFor(server, "stderr", /à l'écoute sur (http:\/\/\S+\/mcp)/);
    url = new URL(address!);
  });
  afterAll(() => {
    server.kill("SIGTERM");
  });

  it("acts as the person whose token the client sends: each proposal is requested in their name", async () => {
    const proposals: string[] = [];
    // Two invoices that are unpaid on the server's day, chosen by what the test needs rather than by number.
    const { client: reader } = await connectAs(ALICE);
    const listed = await reader.callTool({ name: "list_invoices", arguments: { overdueOnly: true, kind: ["invoice"] } });
    await reader.close();
    const unpaid = (listed.structuredContent as { invoices: { number: string }[] }).invoices.map((i) => i.number);
    expect(unpaid.length).toBeGreaterThanOrEqual(2);
    for (const [token, invoice] of [[ALICE, unpaid[0]], [BOB, unpaid[1]]] as const) {
      const { client } = await connectAs(token);
      const result = await client.callTool({ name: "record_payment", arguments: { amount: "100.00", allocations: [{ invoice, amount: "100.00" }] } });
      expect(result.isError).toBeFalsy();
      proposals.push((result.structuredContent as { pendingAction: { id: string } }).pendingAction.id);
      await client.close();
    }
    const pending = await runCli(["--data-dir", dataDir, "pending", "--json"]);
    expect(pending.code).toBe(0);
    const views = JSON.parse(pending.stdout) as { id: string; requestedBy: string }[];
    expect(proposals.map((id) => views.find((v) => v.id === id)?.requestedBy)).toEqual(["alice", "bob"]);
  });

  it("refuses another person's token inside an open session (403), and an unknown token (401)", async () => {
    const { client, transport } = await connectAs(ALICE);
    expect(transport.sessionId).toBeTruthy();
    expect(await rawPost(url, { authorization: `Bearer ${BOB}`, "mcp-session-id": transport.sessionId ?? "" })).toBe(403);
    expect(await rawPost(url, { authorization: "Bearer carol-jeton-0123456789abcdef" })).toBe(401);
    await client.close();
  });

  it("names the users it serves and never writes a token in its logs", () => {
    expect(stderr).toContain("2 utilisateur(s) : alice (finance), bob (project_manager)");
    expect(stderr).toContain("session MCP ouverte par un autre utilisateur (403)");
    expect(stderr).not.toContain(ALICE);
    expect(stderr).not.toContain(BOB);
  });

  it("refuses a malformed team list at start, exit code 2, naming the entry", async () => {
    const env = cliEnv({ FACTURATION_MCP_TOKENS: `alice:finance:${ALICE},bob:comptable:${BOB}` });
    delete env.FACTURATION_MCP_TOKEN;
    const result = await runCli(["--data-dir", tempDataDir(), "serve", "--port", "0"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("FACTURATION_MCP_TOKENS[1] : rôle inconnu");
    expect(result.stderr).not.toContain(BOB);
  });
});
