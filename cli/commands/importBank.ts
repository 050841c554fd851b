import type { Command } from "commander";

/**
 * `facturation import-bank FICHIER [--format csv|camt053] [--account COMPTE] [--json]` (or `--demo [--today]`): imports a bank
 * statement (French bank CSV export or ISO 20022 CAMT.053) in one transaction. A refusal prints one
 * French line naming the line and column (exit 2) and changes nothing; importing the same statement
 * again changes nothing (lines already present are counted, not added).
 */
export function registerImportBank(program: Command): void {
  program
    .command("import-bank")
    .description("importe un relevé bancaire (CSV de la banque ou CAMT.053), tout ou rien ; une ligne déjà importée n'est pas ajoutée deux fois")
    .argument("[fichier]", "relevé .csv (Date;Libellé;Débit;Crédit ou Date;Libellé;Montant) ou .xml (CAMT.053)")
    .option("--format <format>", "csv ou camt053 (défaut : d'après l'extension, .xml → camt053)")
    .option("--account <compte>", "compte bancaire des lignes (IBAN ou nom ; défaut : l'IBAN du fichier CAMT.053, sinon « principal »)")
    .option("--demo", "importe le relevé du mois de l'entreprise de démonstration (après « facturation demo »), construit d'après ses factures ouvertes")
    .option("--today <date>", "avec --demo : date du jour (AAAA-MM-JJ) ; défaut : FACTURATION_TODAY, sinon aujourd'hui")
    .option("--json", "sortie JSON")
    .action(async (file: string | undefined, options: { format?: string; account?: string; demo?: boolean; today?: string; json?: boolean }, command: Command) => {
      const [{ openDatabase }, { readBankStatementFile }, { importBankStatement }, { formatDateShortFr, isIsoDate }, { InputError }] = await Promise.all([
        import("../../db/connection.js"),
        import("../../db/bank/readBankStatementFile.js"),
        import("../../db/bank/importBankStatement.js"),
        import("../../engine/dates/plainDate.js"),
        import("../../engine/errors.js"),
      ]);
      if ((file === undefined) === (options.demo !== true)) throw new InputError("indiquez un fichier de relevé, ou --demo", { field: "fichier" });
      if (options.today !== undefined && (!options.demo || !isIsoDate(options.today))) throw new InputError("s'emploie avec --demo, au format AAAA-MM-JJ", { field: "--today" });
      // Parse first: a bad file is refused before the database is even opened.
      const parsed = file === undefined ? undefined : await readBankStatementFile(file, options.format);
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        const actor = process.env.FACTURATION_USER ?? "import";
        let fileName: string;
        let result;
        if (parsed) {
          fileName = parsed.fileName;
          result = await importBankStatement(opened.db, { statement: parsed.statement, account: options.account, fileName, actor });
        } else {
          const [{ loadDemoBankStatement }, { businessDay }] = await Promise.all([import("../../db/demo/demoBankStatement.js"), import("../../tools/businessDay.js")]);
          const today = options.today ?? businessDay(process.env)();
          const demo = await loadDemoBankStatement(opened.db, today, actor);
          fileName = demo.fileName;
          result = demo.imported;
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;
        const lines = [
          `Relevé ${fileName} (compte ${result.account}) : ${plural(result.read, "opération")} du ${formatDateShortFr(result.from)} au ${formatDateShortFr(result.to)}.`,
          result.inserted === 0
            ? "Déjà importé : rien n'a changé."
            : `${plural(result.inserted, "ligne")} importée${result.inserted > 1 ? "s" : ""}${result.alreadyImported > 0 ? `, ${result.alreadyImported} déjà présente${result.alreadyImported > 1 ? "s" : ""}` : ""}.`,
          `Pour rapprocher les encaissements des factures : « Rapproche le relevé bancaire de ${monthName(result.to)} » (outil match_bank_statement, month ${result.to.slice(0, 7)}).`,
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      } finally {
        await opened.close();
      }
    });
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

function monthName(date: string): string {
  return MONTHS[Number.parseInt(date.slice(5, 7), 10) - 1] ?? date.slice(0, 7);
}
