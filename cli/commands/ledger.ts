import type { Command } from "commander";
import { openDatabase } from "../../db/connection.js";
import { checkLedger } from "../../db/ledger/checkLedger.js";

/**
 * `facturation ledger check`: every entry balances, every issued invoice's entry matches its totals,
 * payments match their allocations, the audit hash chain is intact. Exit 0 when clean, 1 otherwise,
 * naming each faulty row with what was expected and what was found.
 */
export function registerLedger(program: Command): void {
  const ledger = program.command("ledger").description("journal comptable : vérifications");
  ledger
    .command("check")
    .description("vérifie l'équilibre des écritures, leur concordance avec factures et règlements, et la chaîne d'audit")
    .option("--json", "rapport au format JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        const report = await checkLedger(opened.db);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else {
          const { entries, invoices, payments, auditRows } = report.counts;
          process.stdout.write(
            `Vérifié : ${entries} écriture(s), ${invoices} facture(s) émise(s), ${payments} règlement(s), ${auditRows} ligne(s) d'audit.\n`,
          );
          if (report.ok) {
            process.stdout.write("Journal intègre : toutes les écritures sont équilibrées et concordantes, la chaîne d'audit est intacte.\n");
          } else {
            process.stdout.write(`${report.problems.length} anomalie(s) :\n`);
            for (const p of report.problems) {
              process.stdout.write(`- ${p.message}\n  attendu : ${p.expected}\n  trouvé  : ${p.found}\n`);
            }
          }
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        await opened.close();
      }
    });
}
