import { userInfo } from "node:os";
import type { Command } from "commander";
import { openDatabase } from "../../db/connection.js";
import { findInvoice } from "../../db/repositories/invoiceQueries.js";
import { InputError, NotFoundError } from "../../engine/errors.js";
import { dbConfirmationStore } from "../../tools/confirmation/dbConfirmationStore.js";
import { confirmationPolicyFromSettings } from "../../tools/confirmation/confirmationPolicy.js";
import { depositTransmissions, type DepositLine } from "../../tools/einvoicing/depositTransmissions.js";
import { proposeCreditNoteOnRefusal, type ProposedCorrection } from "../../tools/einvoicing/refusalCreditNote.js";
import { syncLifecycleStatuses } from "../../tools/einvoicing/syncLifecycleStatuses.js";
import { ACTIONS } from "../../tools/index.js";
import { parisDate } from "../../tools/businessDay.js";
import { sessionFromEnv } from "../../tools/session.js";
import { platformDepsFromEnv } from "../platform.js";

const NOT_CONFIGURED = "aucune Plateforme Agréée configurée : définissez FACTURATION_PA_URL (service Flow de la plateforme) et FACTURATION_PA_TOKEN ; sans elles, les factures ne sont pas transmises";

const OUTCOME_FR: Record<DepositLine["outcome"], string> = {
  deposited: "déposé",
  already_deposited: "déjà déposé (rien de renvoyé)",
  failed: "échec, nouvel essai plus tard",
  refused: "refusé par la plateforme",
};

function printLine(l: DepositLine): void {
  const what = l.flowSyntax === "CDAR" ? `statut 212 ${l.trackingId}` : l.invoiceNumber;
  process.stdout.write(`${what} : ${OUTCOME_FR[l.outcome]}${l.flowId ? ` (flux ${l.flowId})` : ""}${l.error ? ` — ${l.error}` : ""}\n`);
}

/**
 * `facturation pa send [NUMÉRO…|--all]`: deposits on the Plateforme Agréée the documents and lifecycle
 * messages not yet deposited (the 212 « Encaissée » of collections included), now, failures included;
 * `facturation pa sync`: brings the statuses back and applies them.
 */
export function registerPa(program: Command): void {
  const pa = program.command("pa").description("transmission à la Plateforme Agréée (réforme de la facturation électronique)");
  // Each deposit and status is printed from the report; the per-event log is for the background loop.
  const log = () => undefined;

  pa.command("send")
    .description("dépose les factures, avoirs et statuts (212 Encaissée) pas encore déposés")
    .argument("[numéros...]", "numéros des documents (ex. F-2026-0045)")
    .option("--all", "tout ce qui n'a pas encore été déposé")
    .action(async (numbers: string[], options: { all?: boolean }, command: Command) => {
      if (numbers.length === 0 && !options.all) throw new InputError("indiquez au moins un numéro de facture, ou --all", { field: "numéros" });
      if (numbers.length > 0 && options.all) throw new InputError("donnez des numéros ou --all, pas les deux", { field: "numéros" });
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        const session = sessionFromEnv("cli", process.env, userInfo().username);
        const deps = platformDepsFromEnv(opened.db, { actor: session.userId, channel: "cli", log });
        if (!deps) throw new InputError(NOT_CONFIGURED, { field: "FACTURATION_PA_URL" });
        const invoiceIds: number[] = [];
        for (const number of numbers) {
          const invoice = await findInvoice(opened.db, number);
          if (!invoice || invoice.status === "draft") throw new NotFoundError(`facture ${number} introuvable ou non émise`, { field: "numéros" });
          invoiceIds.push(invoice.id);
        }
        const report = await depositTransmissions(deps, { invoiceIds: options.all ? undefined : invoiceIds, ignoreBackoff: true });
        for (const w of report.warnings) process.stdout.write(`Attention : ${w}\n`);
        for (const l of report.lines) printLine(l);
        const count = (o: DepositLine["outcome"]) => report.lines.filter((l) => l.outcome === o).length;
        process.stdout.write(
          report.lines.length === 0
            ? `Rien à déposer sur ${deps.description}.\n`
            : `${count("deposited")} déposé(s), ${count("already_deposited")} déjà déposé(s), ${count("failed")} en échec, ${count("refused")} refusé(s) — ${deps.description}\n`,
        );
        if (count("failed") + count("refused") > 0) process.exitCode = 1;
      } finally {
        await opened.close();
      }
    });

  pa.command("sync")
    .description("récupère les statuts du cycle de vie (déposée, refusée, en litige, paiement transmis…) et les applique")
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        const session = sessionFromEnv("cli", process.env, userInfo().username);
        const deps = platformDepsFromEnv(opened.db, { actor: session.userId, channel: "cli", log });
        if (!deps) throw new InputError(NOT_CONFIGURED, { field: "FACTURATION_PA_URL" });
        const pinned = process.env.FACTURATION_TODAY;
        const now = () => new Date();
        const confirmation = { store: dbConfirmationStore(opened.db), actions: ACTIONS, policy: confirmationPolicyFromSettings(opened.db, process.env), now, today: () => pinned ?? parisDate(now()) };
        const proposed: ProposedCorrection[] = [];
        const onRefused = proposeCreditNoteOnRefusal({ db: opened.db, confirmation, session, today: confirmation.today, proposed });
        const report = await syncLifecycleStatuses(deps, { onRefused });
        for (const w of report.warnings) process.stdout.write(`Attention : ${w}\n`);
        for (const s of report.statuses) process.stdout.write(`${s.invoiceNumber} : ${s.statusCode} ${s.label} le ${s.occurredAt.replace("T", " à ")}${s.reason ? ` — motif : ${s.reason}` : ""}\n`);
        for (const p of proposed) process.stdout.write(`${p.invoiceNumber} : avoir total proposé, à confirmer avec « facturation confirm ${p.pendingActionId} »\n`);
        process.stdout.write(`${report.statuses.length} statut(s) nouveau(x) sur ${report.flowsSeen} flux lu(s) — ${deps.description}\n`);
      } finally {
        await opened.close();
      }
    });
}
