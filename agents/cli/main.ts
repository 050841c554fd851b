/**
 * `facturation` — the CLI entry. It wires the layers together (agents → tools → engine, db);
 * each sub-command lives in `commands/<name>.ts` and registers itself on the program here.
 */
import { Command, CommanderError } from "commander";
import { frenchify } from "./frenchCommander.js";
import { reportAndExit } from "./reportAndExit.js";
// command imports (one line per command)
import { registerConfirm } from "./commands/confirm.js";
import { registerMcp } from "./commands/mcp.js";
import { registerPending } from "./commands/pending.js";
import { registerServe } from "./commands/serve.js";
import { registerRoute } from "./commands/route.js";
import { registerSimulate } from "./commands/simulate.js";
import { registerOutbox } from "./commands/outbox.js";

export function buildProgram(): Command {
  const program = frenchify(new Command("facturation"))
    .description("Assistant de facturation : échéanciers, factures, paiements, relances")
    .option("--data-dir <dossier>", "dossier des données (défaut : $FACTURATION_DATA_DIR ou ~/.facturation)")
    .showHelpAfterError("(aide : facturation --help)")
    .exitOverride();
  // command registrations (one line per command)
  registerMcp(program);
  registerServe(program);
  registerConfirm(program);
  registerPending(program);
  registerRoute(program);
  registerSimulate(program);
  registerOutbox(program);
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; a bad flag or argument is a usage error: exit 2.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    reportAndExit(error);
  }
}

