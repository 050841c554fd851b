/**
 * `facturation` — the CLI entry. It wires the layers together (agents → tools → engine, db).
 * Each sub-command lives in `commands/<name>.ts` and exports `register<Name>(program)`; it is listed in
 * COMMANDS below and loaded only when it is the command being run (so `simulate` never loads the
 * database nor the MCP SDK). `--help` without a command loads them all to list them.
 */
import { Command, CommanderError } from "commander";
import { frenchify } from "./frenchCommander.js";
import { reportAndExit } from "./reportAndExit.js";

type Registrar = (program: Command) => unknown;

/** One line per command: its name as typed, and its module's register function. */
const COMMANDS: Readonly<Record<string, () => Promise<Registrar>>> = {
  mcp: async () => (await import("./commands/mcp.js")).registerMcp,
  serve: async () => (await import("./commands/serve.js")).registerServe,
  confirm: async () => (await import("./commands/confirm.js")).registerConfirm,
  pending: async () => (await import("./commands/pending.js")).registerPending,
  route: async () => (await import("./commands/route.js")).registerRoute,
  simulate: async () => (await import("./commands/simulate.js")).registerSimulate,
  outbox: async () => (await import("./commands/outbox.js")).registerOutbox,
  import: async () => (await import("./commands/import.js")).registerImport,
  "import-bank": async () => (await import("./commands/importBank.js")).registerImportBank,
  demo: async () => (await import("./commands/demo.js")).registerDemo,
  export: async () => (await import("./commands/export.js")).registerExport,
  chat: async () => (await import("./commands/chat.js")).registerChat,
  ask: async () => (await import("./commands/ask.js")).registerAsk,
  ledger: async () => (await import("./commands/ledger.js")).registerLedger,
  pa: async () => (await import("./commands/pa.js")).registerPa,
};

/** The sub-command named on the command line, skipping global options (and the value of --data-dir). */
export function requestedCommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--data-dir") {
      i++;
      continue;
    }
    if (arg.startsWith("-")) continue;
    return arg;
  }
  return undefined;
}

export async function buildProgram(args: readonly string[] = []): Promise<Command> {
  const program = frenchify(new Command("facturation"))
    .description("Assistant de facturation : échéanciers, factures, paiements, relances")
    .option("--data-dir <dossier>", "dossier des données (défaut : $FACTURATION_DATA_DIR ou ~/.facturation)")
    .showHelpAfterError("(aide : facturation --help)")
    .exitOverride();
  const name = requestedCommand(args);
  const loaders = name !== undefined && name in COMMANDS ? [COMMANDS[name]] : Object.values(COMMANDS);
  for (const load of loaders) if (load) (await load())(program);
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = await buildProgram(argv.slice(2));
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
