import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { openDatabase } from "../../db/connection.js";
import { listInvoices } from "../../db/repositories/invoiceQueries.js";
import { INVOICE_STATUSES } from "../../db/schema/invoices.js";
import { loadInvoiceDocument } from "../../db/repositories/loadInvoiceDocument.js";
import { buildFec, fecTotals } from "../../engine/accounting/fec.js";
import { InputError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toDecimal } from "../../engine/money/money.js";
import { ledgerFecEntries } from "../../tools/accounting/ledgerFecEntries.js";
import { writeFacturxFiles } from "../../tools/documents/facturxDocuments.js";
import { checkOutputDirectory, checkOutputFile } from "../outputPath.js";
import { emitCollectionMessages, emittedMessages } from "../../db/einvoicing/collectionMessages.js";

const KIND_LABELS = { invoice: "facture", deposit: "facture d'acompte", credit_note: "avoir" } as const;

/**
 * `facturation export facturx <numéro>... [--all] --out DOSSIER`: the Factur-X XML and PDF/A-3 of
 * issued documents; `facturation export fec --year AAAA --out FICHIER`: the accounting export.
 */
export function registerExport(program: Command): void {
  const exportCommand = program.command("export").description("exporte les factures électroniques (Factur-X), les statuts du cycle de vie (CDAR) et le FEC");

  exportCommand
    .command("facturx")
    .description("écrit <numéro>.xml et <numéro>.pdf (Factur-X EN 16931, PDF/A-3) pour chaque document émis")
    .argument("[numéros...]", "numéros des factures, acomptes ou avoirs (ex. F-2026-00001)")
    .option("--all", "tous les documents émis")
    .requiredOption("--out <dossier>", "dossier de sortie")
    .action(async (numbers: string[], options: { all?: boolean; out: string }, command: Command) => {
      if (numbers.length === 0 && !options.all) throw new InputError("indiquez au moins un numéro de facture, ou --all", { field: "numéros" });
      if (numbers.length > 0 && options.all) throw new InputError("donnez des numéros ou --all, pas les deux", { field: "numéros" });
      await checkOutputDirectory(options.out, "--out");
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        const targets = options.all
          ? (await listInvoices(opened.db, { status: INVOICE_STATUSES.filter((status) => status !== "draft") })).map((i) => i.id)
          : numbers;
        // Load and check every document first: a bad number writes nothing.
        const docs = [];
        for (const target of targets) docs.push(await loadInvoiceDocument(opened.db, target));
        for (const doc of docs) {
          const { pdfPath } = await writeFacturxFiles(doc, options.out);
          process.stdout.write(`${doc.number} (${KIND_LABELS[doc.kind]}) → ${pdfPath.replace(/\.pdf$/, ".{xml,pdf}")}\n`);
        }
        const count = docs.length === 1 ? "1 document" : `${docs.length} documents`;
        process.stdout.write(docs.length === 0 ? "Aucun document émis à exporter.\n" : `${count} Factur-X écrit(s) dans ${options.out}\n`);
      } finally {
        await opened.close();
      }
    });

  exportCommand
    .command("cdar")
    .description("écrit chaque message du cycle de vie émis (CDAR D22B, 212 Encaissée…), un fichier XML par message")
    .requiredOption("--out <dossier>", "dossier de sortie")
    .action(async (options: { out: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        // The collections recorded without their 212 yet (imports, a platform never configured) get it now.
        await emitCollectionMessages(opened.db, { now: new Date(), actor: "export", channel: "cli" });
        const messages = await emittedMessages(opened.db);
        await mkdir(options.out, { recursive: true });
        for (const m of messages) {
          const file = join(options.out, `${m.documentId.replace(/[^\w.#-]/g, "_")}.xml`);
          await writeFile(file, m.xml, "utf8");
          process.stdout.write(`${m.invoiceNumber} : ${m.statusCode} Encaissée le ${m.collectedOn} (${m.amounts.map((a) => `${formatEuros(toDecimal(a.amount))} à ${a.rate} %`).join(", ")}) → ${file}\n`);
        }
        process.stdout.write(messages.length === 0 ? "Aucun message du cycle de vie émis.\n" : `${messages.length} message(s) CDAR écrit(s) dans ${options.out}\n`);
      } finally {
        await opened.close();
      }
    });

  exportCommand
    .command("fec")
    .description("écrit le Fichier des écritures comptables (FEC) d'un exercice civil")
    .requiredOption("--year <AAAA>", "exercice (année civile)")
    .requiredOption("--out <fichier>", "fichier de sortie (ex. 123456789FEC20261231.txt)")
    .action(async (options: { year: string; out: string }, command: Command) => {
      if (!/^\d{4}$/.test(options.year)) throw new InputError("doit être une année sur quatre chiffres, par exemple 2026", { field: "--year" });
      await checkOutputFile(options.out, "--out");
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const opened = await openDatabase({ dataDir: globals.dataDir });
      try {
        const entries = await ledgerFecEntries(opened.db, `${options.year}-01-01`, `${options.year}-12-31`);
        const fec = buildFec(entries);
        await mkdir(dirname(options.out), { recursive: true });
        await writeFile(options.out, fec, "utf8");
        const t = fecTotals(entries);
        process.stdout.write(
          `FEC ${options.year} : ${entries.length} écriture(s), ${t.lines} ligne(s), débit ${formatEuros(t.debit)} = crédit ${formatEuros(t.credit)} → ${options.out}\n`,
        );
      } finally {
        await opened.close();
      }
    });
}
