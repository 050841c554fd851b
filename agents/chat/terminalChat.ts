import ora, { type Ora } from "ora";
import { isBillingError } from "../../engine/errors.js";
import { getAgentDefinition } from "../definitions/agentDefinition.js";
import { deskConfirmation } from "../runtime/humanConfirmation.js";
import { formatUsage } from "../runner/tokenUsage.js";
import type { ChatSession } from "./chatSession.js";
import { INTERRUPTED, LineInput } from "./lineInput.js";

export interface TerminalChatOptions {
  readonly chat: ChatSession;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A human at a terminal (prompts, spinner); otherwise one request per input line, echoed. */
  readonly interactive: boolean;
  /** Tool calls and token usage after each answer. */
  readonly verbose?: boolean;
}

const QUIT = /^\s*(quitter|quit|exit|q|au revoir|bye)\s*$/i;

const ROLE_FR = { project_manager: "chef de projet", finance: "finance", admin: "administrateur" } as const;

/**
 * `facturation chat`: the conversation in the terminal. Each request goes to the orchestrator;
 * the agents' answers are printed as they come (a spinner while waiting, on a terminal only);
 * every monetary action is shown in full and confirmed by the human (o/N) through the gate.
 * When stdin is not a terminal it reads one request per line and answers each; the line after a
 * request that proposes an action is the answer to "Confirmer ? (o/N)".
 * Ctrl-C at that question declines the action (nothing is done) and returns to the prompt; Ctrl-C at the prompt leaves.
 */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { chat, output, interactive } = options;
  const write = (text: string) => output.write(text);
  const lines = new LineInput(options.input, output, interactive);
  let spinner: Ora | undefined;
  // A spinner only on a real terminal with a known width; it never touches stdin (readline owns it).
  const spinning = interactive && process.stderr.isTTY === true && (process.stderr.columns ?? 0) > 0;
  const spin = (text: string): Ora | undefined => (spinning ? ora({ text, stream: process.stderr, discardStdin: false }).start() : undefined);
  const stopSpinner = () => {
    spinner?.stop();
    spinner = undefined;
  };
  // Ctrl-C at « Confirmer ? (o/N) » declines (an empty answer is « non ») and the chat goes on; at the prompt it leaves.
  const ask = async (question: string): Promise<string> => {
    stopSpinner();
    const answer = await lines.read(question);
    if (answer === INTERRUPTED) {
      write(`${interactive ? "" : question}^C\n`);
      return "";
    }
    if (!interactive) write(`${question}${answer ?? ""}\n`);
    return answer ?? "";
  };
  const orchestrator = chat.orchestrator({
    confirm: deskConfirmation({ desk: chat.desk, session: chat.session, show: (text) => (stopSpinner(), write(`${text}\n`)), ask }),
    onAgent: (agent) => {
      stopSpinner();
      write(`\n[${getAgentDefinition(agent).title}]\n`);
      spinner = spin("Je regarde…");
    },
    onText: (delta) => {
      stopSpinner();
      write(delta);
    },
  });

  if (interactive) {
    write(
      `Facturation — assistant ${chat.mode === "claude" ? `Claude (${chat.model ?? ""})` : "hors connexion"}. ` +
        `Connecté : ${chat.session.userId} (${ROLE_FR[chat.session.role]}). Tapez « quitter » pour sortir.\n`,
    );
  }
  try {
    for (;;) {
      const line = await lines.read("\nVous › ");
      if (line === INTERRUPTED) {
        write("^C\nAu revoir.\n");
        break;
      }
      if (line === undefined) break;
      const text = line.trim();
      if (text === "") continue;
      if (QUIT.test(text)) break;
      if (!interactive) write(`\nVous › ${text}\n`);
      spinner = spin("Je réfléchis…");
      try {
        const report = await orchestrator.handle(text);
        stopSpinner();
        write("\n");
        if (options.verbose) {
          for (const step of report.steps) {
            for (const call of step.toolCalls) write(`  · ${step.agent} → ${call.name}${call.refused ? " (refusé)" : call.isError ? " (erreur)" : ""}\n`);
          }
          const usage = report.usage;
          if (chat.mode === "claude") write(`  · ${formatUsage(usage)} ; routage : ${formatUsage(chat.routingUsage())}\n`);
        }
      } catch (error) {
        stopSpinner();
        if (!isBillingError(error)) throw error;
        write(`\nErreur : ${error.message}\n`);
      }
    }
  } finally {
    stopSpinner();
    lines.close();
  }
}
