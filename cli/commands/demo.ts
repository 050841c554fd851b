import type { Command } from "commander";

const EXAMPLES = [
  "Les maquettes du projet Atlas sont validées, il faut facturer les 30 %",
  "Y a-t-il des retards de paiement ?",
  "La facture F-2026-0042 a-t-elle été payée ?",
  "Relance Boulangerie Martin pour la facture F-2026-0018",
  "Prépare la mise en demeure pour la facture F-2026-0007",
  "Fais un avoir de 450 € sur la facture F-2026-0031",
];

/**
 * `facturation demo [--reset] [--today AAAA-MM-JJ]`: fills an empty data folder with the demo company
 * (through the import path). With --reset the PGlite data folder is wiped first; without it, a folder
 * holding data is refused (exit 2, nothing changed).
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("charge une entreprise de démonstration (clients, projets, factures, règlements, relances)")
    .option("--reset", "efface d'abord le dossier de données (base intégrée PGlite)")
    .option("--today <date>", "date du jour de la démonstration (AAAA-MM-JJ) ; défaut : FACTURATION_TODAY, sinon aujourd'hui")
    .action(async (options: { reset?: boolean; today?: string }, command: Command) => {
      const [{ openDatabase, resolveDataDir }, { loadDemoData }, { resetDataDir }, { isIsoDate, formatDateShortFr }, { InputError }, { importReport }, { businessDay }] = await Promise.all([
        import("../../db/connection.js"),
        import("../../db/demo/ensureDemoData.js"),
        import("../../db/demo/resetDataDir.js"),
        import("../../engine/dates/plainDate.js"),
        import("../../engine/errors.js"),
        import("../../db/import/importReport.js"),
        import("../../tools/businessDay.js"),
      ]);
      const today = options.today ?? businessDay(process.env)();
      if (!isIsoDate(today)) throw new InputError("doit être une date AAAA-MM-JJ", { field: "--today" });
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const serverUrl = globals.dataDir ? undefined : process.env.DATABASE_URL;
      if (options.reset) {
        if (serverUrl) throw new InputError("--reset efface un dossier de données PGlite ; avec un serveur PostgreSQL (DATABASE_URL), videz la base vous-même", { field: "--reset" });
        resetDataDir(resolveDataDir(globals.dataDir));
      }
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        const result = await loadDemoData(opened.db, today);
        process.stdout.write(`Démonstration au ${formatDateShortFr(today)} chargée (${opened.location}).\n`);
        process.stdout.write(importReport("la démonstration", result.counts, result.changed).split("\n").slice(1).join("\n"));
        process.stdout.write(`\nExemples de demandes :\n${EXAMPLES.map((e) => `  « ${e} »`).join("\n")}\n`);
      } finally {
        await opened.close();
      }
    });
}
