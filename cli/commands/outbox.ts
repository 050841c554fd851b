import Table from "cli-table3";
import type { Command } from "commander";
import { resolveDataDir } from "../../db/connection.js";
import { emlFolderOutboxStore } from "../../tools/mail/emlFolderOutboxStore.js";
import type { OutboxRecord } from "../../tools/mail/outboxStore.js";
import { outboxDir } from "../../tools/mail/sendMail.js";

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

function outboxTable(records: readonly OutboxRecord[]): string {
  const table = new Table({ head: ["Date", "Destinataire", "Objet", "Fichier"], style: { head: [], border: [] } });
  for (const r of records) table.push([DATE_TIME.format(r.createdAt), r.to, r.subject, r.emlPath]);
  return table.toString();
}

/**
 * `facturation outbox`: the e-mails waiting in the local outbox (`<dataDir>/outbox/*.eml`), read from the
 * .eml files themselves, so it needs no database connection (and does not take the data-folder lock).
 */
export function registerOutbox(program: Command): void {
  program
    .command("outbox")
    .description("liste les e-mails de la boîte d'envoi locale (relances non envoyées par SMTP)")
    .option("--json", "sortie JSON (une liste d'objets)")
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const dir = outboxDir(resolveDataDir(globals.dataDir));
      const records = await emlFolderOutboxStore(dir).list();
      if (options.json) {
        const rows = records.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (records.length === 0) {
        process.stdout.write(`La boîte d'envoi est vide (${dir}).\n`);
        return;
      }
      const count = records.length === 1 ? "1 e-mail" : `${records.length} e-mails`;
      process.stdout.write(`Boîte d'envoi (${dir}) : ${count}\n${outboxTable(records)}\n`);
    });
}
