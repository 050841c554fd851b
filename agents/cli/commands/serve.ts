import { userInfo } from "node:os";
import type { Command } from "commander";
import { InputError } from "../../../engine/errors.js";
import { startHttpServer } from "../../../tools/server/httpServer.js";
import { openToolRuntime } from "../../../tools/server/toolRuntime.js";
import { sessionFromEnv } from "../../../tools/session.js";
import { profileTools } from "./mcp.js";

const log = (line: string) => process.stderr.write(`[facturation serve] ${line}\n`);

/** `facturation serve`: MCP over Streamable HTTP, loopback by default, bearer token required. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serveur MCP HTTP (Streamable HTTP) sur 127.0.0.1, protégé par le jeton FACTURATION_MCP_TOKEN")
    .option("--port <port>", "port d'écoute", "8765")
    .option("--host <adresse>", "adresse d'écoute", "127.0.0.1")
    .option("--agent <nom>", "n'expose que les outils autorisés pour cet agent")
    .action(async (options: { port: string; host: string; agent?: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const token = process.env.FACTURATION_MCP_TOKEN ?? "";
      if (token.length < 16) {
        throw new InputError("définissez un jeton d'au moins 16 caractères (par exemple : openssl rand -hex 32)", { field: "FACTURATION_MCP_TOKEN" });
      }
      if (!/^\d{1,5}$/.test(options.port) || Number.parseInt(options.port, 10) > 65535) {
        throw new InputError("doit être un numéro de port entre 0 et 65535", { field: "--port" });
      }
      const allow = profileTools(options.agent);
      const session = sessionFromEnv("mcp_http", process.env, userInfo().username);
      const runtime = await openToolRuntime({ dataDir: globals.dataDir });
      const http = await startHttpServer({
        createServer: (s) => runtime.createServer(s, allow, (error) => log(`erreur inattendue : ${error instanceof Error ? error.stack : String(error)}`)),
        session,
        host: options.host,
        port: Number.parseInt(options.port, 10),
        token,
        log,
      });
      const shutdown = async () => {
        await http.close();
        await runtime.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown());
      process.once("SIGTERM", () => void shutdown());
      log(`à l'écoute sur ${http.url} (${allow.length} outil(s), base ${runtime.opened.backend})`);
    });
}
