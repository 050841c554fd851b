import type { Command } from "commander";
import { ensureDemoData } from "../../db/demo/ensureDemoData.js";
import { openChatSession } from "../openChatSession.js";
import { runTerminalChat } from "../../agents/chat/terminalChat.js";
import { startBackgroundPlatform } from "../platform.js";

/**
 * `facturation chat [--user U] [--role R] [--verbose]`: the conversation, in French, on the data
 * folder (the demo company is loaded into an empty one). With ANTHROPIC_API_KEY set, Claude routes
 * and answers; otherwise the offline runner does. On a pipe it answers one request per line.
 */
export function registerChat(program: Command): void {
  program
    .command("chat")
    .description("converser avec l'assistant de facturation (préparer, suivre, relancer)")
    .option("--user <nom>", "qui parle (défaut : FACTURATION_USER ou le compte système)")
    .option("--role <rôle>", "rôle : project_manager, finance ou admin (au-delà du seuil, seul finance/admin confirme)")
    .option("--verbose", "affiche les outils appelés et les jetons consommés")
    .action(async (options: { user?: string; role?: string; verbose?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const chat = await openChatSession({ dataDir: globals.dataDir, user: options.user, role: options.role, loadDemo: ensureDemoData });
      // With FACTURATION_PA_URL / FACTURATION_PA_TOKEN: invoices and statuses go to the Plateforme Agréée in the background.
      const platform = startBackgroundPlatform(chat.runtime, { userId: "plateforme-agreee", role: "project_manager", channel: "chat" }, (line) =>
        process.stderr.write(`[plateforme] ${line}\n`),
      );
      try {
        await runTerminalChat({
          chat,
          input: process.stdin,
          output: process.stdout,
          interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
          verbose: options.verbose ?? false,
        });
      } finally {
        await platform?.stop();
        await chat.close();
      }
    });
}
