import { randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Session } from "../session.js";
import type { HttpOperator } from "./httpOperators.js";

/** Whatever serves the paths other than /mcp (the web workspace), behind the same Host check. */
export interface WebHandler {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

export interface HttpServerOptions {
  readonly createServer: (session: Session) => McpServer;
  /** Who may connect: each request carries one of their bearer tokens, and acts as its owner. Never logged. */
  readonly operators: readonly HttpOperator[];
  readonly host: string;
  readonly port: number;
  readonly log: (line: string) => void;
  /** The web workspace (cookie sign-in, its own checks), on every path but /mcp. */
  readonly web?: WebHandler;
}

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]", "::1"];

/** Host header name without its port ("127.0.0.1:3000" → "127.0.0.1", "[::1]:3000" → "[::1]"). */
function hostnameOf(host: string | undefined): string | undefined {
  if (!host) return undefined;
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.split(":")[0];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The operator whose token this is (every token compared, in constant time each). */
function operatorOf(given: string, operators: readonly HttpOperator[]): HttpOperator | undefined {
  let found: HttpOperator | undefined;
  for (const operator of operators) if (sameSecret(given, operator.token) && found === undefined) found = operator;
  return found;
}

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

/**
 * `facturation serve`: MCP over Streamable HTTP on /mcp, one stateful session per client (so
 * elicitation works), behind two checks made before anything else: the Host header must name
 * this loopback server (DNS-rebinding protection) and the request must carry an operator's bearer
 * token (401 otherwise). The session acts as that operator (user and role, hence who may confirm
 * what) and only their token may use it (403). Log lines never contain headers, hence never a token.
 * Every other path goes, after the same Host check, to the web workspace when one is given.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<{ readonly url: string; readonly origin: string; close(): Promise<void> }> {
  const allowedHosts = new Set([...LOOPBACK_NAMES, options.host]);
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer; operator: HttpOperator }>();

  const http = createServer((req, res) => {
    void (async () => {
      const hostname = hostnameOf(req.headers.host);
      if (!hostname || !allowedHosts.has(hostname)) {
        options.log(`requête refusée : en-tête Host non autorisé (${hostname ?? "absent"})`);
        return refuse(res, 403, "en-tête Host non autorisé");
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname !== "/mcp" && options.web) return options.web.handle(req, res, url);
      const auth = req.headers.authorization ?? "";
      const given = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length).trim() : "";
      const operator = given ? operatorOf(given, options.operators) : undefined;
      if (!operator) {
        options.log("requête refusée : jeton absent ou invalide (401)");
        return refuse(res, 401, "authentification requise : jeton Bearer absent ou invalide", { "www-authenticate": 'Bearer realm="facturation"' });
      }
      if (url.pathname !== "/mcp") return refuse(res, 404, "introuvable : le point d'accès MCP est /mcp");

      const sessionId = req.headers["mcp-session-id"];
      const existing = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
      if (existing) {
        // A session belongs to whoever opened it: another person's token cannot act in it.
        if (existing.operator !== operator) {
          options.log("requête refusée : session MCP ouverte par un autre utilisateur (403)");
          return refuse(res, 403, "cette session MCP a été ouverte avec un autre jeton");
        }
        const body = req.method === "POST" ? await readJson(req) : undefined;
        return existing.transport.handleRequest(req, res, body);
      }
      if (req.method !== "POST") return refuse(res, 400, "session MCP inconnue ou absente");
      const body = await readJson(req);
      if (!isInitializeRequest(body)) return refuse(res, 400, "session MCP inconnue ou absente : commencez par initialize");
      const server = options.createServer(operator.session);
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, { transport, server, operator });
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    })().catch((error: unknown) => {
      options.log(`erreur HTTP : ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) refuse(res, 400, "requête invalide");
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/mcp`,
    origin: `http://${shownHost}:${address.port}`,
    async close() {
      for (const { transport, server } of sessions.values()) {
        await transport.close();
        await server.close();
      }
      sessions.clear();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
