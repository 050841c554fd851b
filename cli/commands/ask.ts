import type { Command } from "commander";
import { ensureDemoData } from "../../db/demo/ensureDemoData.js";
import { InputError } from "../../engine/errors.js";
import { openChatSession } from "../openChatSession.js";
import type { TurnReport } from "../../agents/orchestrator/orchestrator.js";

/** Name lookups: how the runner finds the client or project a request names (the offline runner tries each word). */
const NAME_LOOKUPS: ReadonlySet<string> = new Set(["find_client", "find_project"]);

/**
 * The `--json` face of one answer: routing, text, the tool calls that do the work (`toolCalls`),
 * the name lookups apart (`lookups`: find_client / find_project, many and noisy offline) and the
 * actions left for the human.
 */
export function askReport(report: TurnReport) {
  const calls = report.steps.flatMap((step) =>
    step.toolCalls.map((call) => ({ agent: step.agent, name: call.name, input: call.input, isError: call.isError, refused: call.refused })),
  );
  return {
    agents: report.agents,
    refused: report.refused,
    answer: report.answer,
    toolCalls: calls.filter((call) => !NAME_LOOKUPS.has(call.name)),
    lookups: calls.filter((call) => NAME_LOOKUPS.has(call.name)),
    pendingActions: report.steps.flatMap((step) =>
      step.pendingActions.map((action) => ({
        id: action.pendingAction.id,
        kind: action.kind,
        summary: action.pendingAction.summary,
        expiresAt: action.pendingAction.expiresAt,
        confirmCommand: `facturation confirm ${action.pendingAction.id}`,
      })),
    ),
  };
}

/**
 * `facturation ask "<texte>" [--json]`: answers one request. Nothing monetary happens here: an
 * action the agents propose stays pending, for `facturation confirm <id>` in a terminal.
 */
export function registerAsk(program: Command): void {
  program
    .command("ask")
    .description("pose une question ou une demande unique à l'assistant (les actions restent en attente de confirmation)")
    .argument("<texte>", "la demande, en français")
    .option("--json", "réponse en JSON : agents, texte, appels d'outils, recherches de noms à part, actions en attente")
    .option("--user <nom>", "qui demande (défaut : FACTURATION_USER ou le compte système)")
    .option("--role <rôle>", "rôle : project_manager, finance ou admin")
    .action(async (text: string, options: { json?: boolean; user?: string; role?: string }, command: Command) => {
      if (text.trim() === "") throw new InputError("indiquez la demande entre guillemets", { field: "texte" });
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const chat = await openChatSession({ dataDir: globals.dataDir, user: options.user, role: options.role, loadDemo: ensureDemoData });
      try {
        const report = await chat.orchestrator({}).handle(text);
        process.stdout.write(options.json ? `${JSON.stringify(askReport(report), null, 2)}\n` : `${report.answer}\n`);
      } finally {
        await chat.close();
      }
    });
}
