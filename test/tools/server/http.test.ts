import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
