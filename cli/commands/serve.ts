import { userInfo } from "node:os";
import type { Command } from "commander";
import { InputError } from "../../engine/errors.js";
import { httpOperatorsFromEnv } from "../../tools/server/httpOperators.js";
import { startHttpServer } from "../../tools/server/httpServer.js";
import { openToolRuntime } from "../../tools/server/toolRuntime.js";
import { localDesk } from "../../tools/confirmation/pendingActionDesk.js";
import { TOOLS } from "../../tools/index.js";
import { createWebWorkspace } from "../../tools/web/webWorkspace.js";
import { sessionFromEnv } from "../../tools/session.js";
import { profileTools } from "./mcp.js";
import { startBackgroundPlatform } from "../platform.js";

const log = (line: string) => process.stderr.write(`[facturation serve] ${line}\n`);

/** `facturation serve`: MCP over Streamable HTTP on /mcp and the web workspace beside it, loopback by default, a personal token required. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serveur MCP HTTP (Streamable HTTP) et espace de travail web sur 127.0.0.1, protégés par jeton (FACTURATION_MCP_TOKEN, ou FACTURATION_MCP_TOKENS pour une équipe)")
    .option("--port <port>", "port d'écoute", "8765")
    .option("--host <adresse>", "adresse d'écoute", "127.0.0.1")
    .option("--agent <nom>", "n'expose que les outils autorisés pour cet agent")
    .action(async (options: { port: string; host: string; agent?: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const operators = httpOperatorsFromEnv(process.env, (channel) => sessionFromEnv(channel, process.env, userInfo().username));
      if (!/^\d{1,5}$/.test(options.port) || Number.parseInt(options.port, 10) > 65535) {
        throw new InputError("doit être un numéro de port entre 0 et 65535", { field: "--port" });
      }
      const allow = profileTools(options.agent);
      // The workspace's address is known once listening; proposals made before cannot be pending yet.
      const workspace: { origin?: string } = {};
      const runtime = await openToolRuntime({ dataDir: globals.dataDir, confirmationUrl: (id) => (workspace.origin ? `${workspace.origin}/actions/${id}` : undefined) });
      const web = createWebWorkspace({ db: runtime.opened.db, confirmation: runtime.deps, desk: localDesk(runtime.deps), tools: TOOLS, operators, log });
      const http = await startHttpServer({
        createServer: (s) => runtime.createServer(s, allow, (error) => log(`erreur inattendue : ${error instanceof Error ? error.stack : String(error)}`)),
        operators,
        host: options.host,
        port: Number.parseInt(options.port, 10),
        log,
        web,
      });
      workspace.origin = http.origin;
      // With FACTURATION_PA_URL / FACTURATION_PA_TOKEN: invoices and statuses go to the Plateforme Agréée in the background.
      const platform = startBackgroundPlatform(runtime, { userId: "plateforme-agreee", role: "project_manager", channel: "mcp_http" }, log);
      const shutdown = async () => {
        await platform?.stop();
        await http.close();
        await runtime.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown());
      process.once("SIGTERM", () => void shutdown());
      log(`espace de travail sur ${http.origin}/ (connexion avec le jeton personnel)`);
      log(`à l'écoute sur ${http.url} (${allow.length} outil(s), base ${runtime.opened.backend}, ${operators.length} utilisateur(s) : ${operators.map((o) => `${o.session.userId} (${o.session.role})`).join(", ")})`);
    });
}
