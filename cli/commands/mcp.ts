import { userInfo } from "node:os";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Command } from "commander";
import { InputError } from "../../engine/errors.js";
import { TOOL_NAMES } from "../../tools/index.js";
import { openToolRuntime } from "../../tools/server/toolRuntime.js";
import { sessionFromEnv } from "../../tools/session.js";
import { AgentNameSchema } from "../../agents/definitions/agentName.js";
import { allowedTools } from "../../agents/definitions/allowlist.js";

/** The tools a server profile exposes: one agent's allowlist, or every tool. Deny by default either way. */
export function profileTools(agent: string | undefined): readonly string[] {
  if (agent === undefined) return TOOL_NAMES;
  const parsed = AgentNameSchema.safeParse(agent);
  if (!parsed.success) throw new InputError(`agent inconnu « ${agent} »`, { field: "--agent" });
  return allowedTools(parsed.data);
}

const log = (line: string) => process.stderr.write(`[facturation mcp] ${line}\n`);

/**
 * `facturation mcp`: the MCP server on stdio (for Claude Desktop, Claude Code, IDEs). stdout
 * carries only the protocol; every log line goes to stderr.
 */
export function registerMcp(program: Command): void {
  program
    .command("mcp")
    .description("serveur MCP sur l'entrée/sortie standard (Claude Desktop, Claude Code, IDE)")
    .option("--agent <nom>", "n'expose que les outils autorisés pour cet agent")
    .action(async (options: { agent?: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const allow = profileTools(options.agent);
      const session = sessionFromEnv("mcp_stdio", process.env, userInfo().username);
      const runtime = await openToolRuntime({ dataDir: globals.dataDir });
      const server = runtime.createServer(session, allow, (error) => log(`erreur inattendue : ${error instanceof Error ? error.stack : String(error)}`));
      const transport = new StdioServerTransport();
      let closing = false;
      const shutdown = async () => {
        if (closing) return;
        closing = true;
        await server.close();
        await runtime.close();
      };
      transport.onclose = () => void shutdown();
      process.once("SIGINT", () => void shutdown().then(() => process.exit(0)));
      process.once("SIGTERM", () => void shutdown().then(() => process.exit(0)));
      process.stdin.once("end", () => void shutdown());
      await server.connect(transport);
      log(`prêt : ${allow.length} outil(s) autorisé(s), base ${runtime.opened.backend} (${runtime.opened.location}), utilisateur ${session.userId} (${session.role})`);
    });
}
