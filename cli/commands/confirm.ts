/**
 * `facturation confirm <id>`: the out-of-band confirmation of a pending monetary action.
 *
 * Threat model. The model never confirms: no MCP tool confirms, and the gate executes only through
 * this desk. What this command adds against a model that can run shell commands:
 * - it refuses to run without an interactive terminal on stdin AND stdout (an agent's shell tool,
 *   a pipe, `yes o |`, CI: no TTY), whatever the flags — there is no non-interactive bypass;
 * - it asks "Confirmer ? (o/N)" (skipped with --yes), then the human must retype a short code
 *   drawn at random for this run and shown only on this terminal, so a pre-typed answer fails;
 * - the preview is rendered from the stored payload and the confirmation is bound to its digest.
 * Out of scope: a process running as the same OS account with a pseudo-terminal can drive this
 * command, open the database or the 0600 control socket; that is the operator's account.
 * `--user` / `--role` are declared by the human at the terminal (defaults: FACTURATION_USER or the
 * OS account, FACTURATION_ROLE or project_manager); the role gates the finance threshold.
 */
import { randomInt } from "node:crypto";
import { userInfo } from "node:os";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { InputError, RuleError } from "../../engine/errors.js";
import { describePendingAction } from "../../tools/confirmation/pendingActionText.js";
import { openDesk } from "../../tools/confirmation/openDesk.js";
import { STATUS_FR } from "../../tools/confirmation/pendingAction.js";
import { RoleSchema, sessionFromEnv, type Session } from "../../tools/session.js";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

export function confirmationCode(length = 6): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

function confirmer(options: { user?: string; role?: string }): Session {
  const base = sessionFromEnv("cli", process.env, userInfo().username);
  const role = options.role === undefined ? base.role : RoleSchema.safeParse(options.role);
  if (typeof role === "object" && !role.success) throw new InputError("rôle inconnu (project_manager, finance ou admin)", { field: "--role" });
  return { userId: options.user?.trim() || base.userId, role: typeof role === "object" ? role.data : role, channel: "cli" };
}

export function registerConfirm(program: Command): void {
  program
    .command("confirm <id>")
    .description("affiche une action en attente (facture, avoir, paiement, relance) et l'exécute après votre confirmation au terminal")
    .option("--user <nom>", "qui confirme (défaut : FACTURATION_USER ou le compte système)")
    .option("--role <rôle>", "rôle de la personne qui confirme : project_manager, finance ou admin")
    .option("--yes", "ne pas poser la question o/N (le code affiché reste à recopier)")
    .action(async (id: string, options: { user?: string; role?: string; yes?: boolean }, command: Command) => {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new InputError(
          "la confirmation exige un terminal interactif (aucune confirmation possible par un script, un tube ou un agent) : lancez la commande vous-même dans un terminal",
          { field: "terminal", code: "tty_required" },
        );
      }
      const who = confirmer(options);
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const { desk, close } = await openDesk(globals.dataDir);
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        const view = await desk.show(id);
        process.stdout.write(`${describePendingAction(view)}\n\n`);
        if (view.status !== "pending") throw new RuleError(`cette action est ${STATUS_FR[view.status]} : rien à confirmer`, { field: "id" });
        if (!options.yes) {
          const answer = (await rl.question("Confirmer ? (o/N) ")).trim().toLowerCase();
          if (answer !== "o" && answer !== "oui") {
            await desk.decline({ actionId: id, by: who });
            process.stdout.write("Action refusée : rien n'a été fait.\n");
            return;
          }
        }
        const code = confirmationCode();
        const typed = (await rl.question(`Pour confirmer, recopiez le code ${code} : `)).trim().toUpperCase();
        if (typed !== code) {
          throw new InputError("le code recopié ne correspond pas : rien n'a été fait, l'action reste en attente", { field: "code", code: "confirmation_code_mismatch" });
        }
        const outcome = await desk.confirm({ actionId: id, digest: view.digest, confirmer: who });
        process.stdout.write(`${outcome.text}\n`);
      } finally {
        rl.close();
        await close();
      }
    });
}
