import type { Command } from "commander";

/**
 * `facturation import FICHIER.json|FICHIER.csv [--project REF] [--json]`: imports a data file
 * (facturation-import/1) or time entries (CSV) in one transaction. A refusal prints one French line
 * naming the record and field (exit 2) and changes nothing; importing the same file twice changes nothing.
 */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description("importe un fichier de données (JSON facturation-import/1) ou des temps passés (CSV), tout ou rien")
    .argument("<fichier>", "fichier .json (clients, projets, événements, historique) ou .csv (temps passés)")
    .option("--project <ref>", "CSV : référence du projet des lignes quand le fichier n'a pas de colonne projet")
    .option("--json", "sortie JSON (compteurs par type d'enregistrement)")
    .action(async (file: string, options: { project?: string; json?: boolean }, command: Command) => {
      const [{ openDatabase }, { importFromPath }, { importReport }, { basename }] = await Promise.all([
        import("../../db/connection.js"),
        import("../../db/import/importFromPath.js"),
        import("../../db/import/importReport.js"),
        import("node:path"),
      ]);
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        const result = await importFromPath(opened.db, file, { project: options.project, actor: process.env.FACTURATION_USER ?? "import" });
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : importReport(basename(file), result.counts, result.changed));
      } finally {
        await opened.close();
      }
    });
}
