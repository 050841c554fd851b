import { basename, resolve } from "node:path";
import { enqueueEmail, pendingEmails } from "../../db/repositories/outbox.js";
import { InputError } from "../../engine/errors.js";
import type { ToolDatabase } from "../toolDatabase.js";
import type { OutboxRecord, OutboxStore } from "./outboxStore.js";

const EML_NAME = /^([\w-]{1,100})\.eml$/;

/**
 * The outbox over the database's `outbox_emails` table (status `pending`: written to the local outbox,
 * not sent by SMTP), the `.eml` file staying in `<dataDir>/outbox/`. A record's id is the file's
 * base name without `.eml`, so the row and the file point at each other. Pass the transaction of the
 * action when sending from an executor: the row then commits or rolls back with it.
 */
export function dbOutboxStore(db: ToolDatabase, options: { readonly invoiceId?: number | undefined } = {}): OutboxStore {
  return {
    async add(record) {
      if (basename(record.emlPath) !== `${record.id}.eml`) {
        throw new InputError(`doit se terminer par ${record.id}.eml`, { field: "emlPath" });
      }
      await enqueueEmail(db, {
        reminderId: record.reminderId ?? null,
        invoiceId: options.invoiceId ?? null,
        to: record.to,
        subject: record.subject,
        emlPath: resolve(record.emlPath),
        messageId: record.messageId,
      });
    },
    async list() {
      const rows = await pendingEmails(db);
      return rows.flatMap((row): OutboxRecord[] => {
        const match = row.emlPath === null ? null : EML_NAME.exec(basename(row.emlPath));
        if (!match?.[1] || row.emlPath === null) return [];
        return [
          {
            id: match[1],
            ...(row.reminderId !== null ? { reminderId: row.reminderId } : {}),
            messageId: row.messageId ?? "",
            to: row.to,
            subject: row.subject,
            emlPath: row.emlPath,
            createdAt: row.createdAt,
          },
        ];
      });
    },
  };
}
