import { access, readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { simpleParser } from "mailparser";
import { InputError, SystemError } from "../../engine/errors.js";
import { REMINDER_ID_HEADER } from "./composeReminderMessage.js";
import type { OutboxRecord, OutboxStore } from "./outboxStore.js";

const EML_NAME = /^([\w-]{1,100})\.eml$/;

async function readRecord(dir: string, file: string, id: string): Promise<OutboxRecord> {
  const emlPath = join(dir, file);
  const bytes = await readFile(emlPath);
  const mail = await simpleParser(bytes, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value).map((a) => a.address ?? "");
  const reminderId = mail.headers.get(REMINDER_ID_HEADER.toLowerCase());
  return {
    id,
    ...(typeof reminderId === "string" && /^\d+$/.test(reminderId) ? { reminderId: Number.parseInt(reminderId, 10) } : {}),
    messageId: mail.messageId ?? "",
    to: to.filter((a) => a !== "").join(", "),
    subject: mail.subject ?? "",
    emlPath,
    createdAt: mail.date ?? (await stat(emlPath)).mtime,
  };
}

/**
 * An outbox store over the folder itself: each message is its `.eml` file, read back with mailparser.
 * Used when no database outbox is available; `add` only checks that the file is where the record says.
 */
export function emlFolderOutboxStore(dir: string): OutboxStore {
  const folder = resolve(dir);
  return {
    async add(record) {
      if (dirname(resolve(record.emlPath)) !== folder || basename(record.emlPath) !== `${record.id}.eml`) {
        throw new InputError(`doit être ${join(folder, `${record.id}.eml`)}`, { field: "emlPath" });
      }
      await access(record.emlPath).catch(() => {
        throw new SystemError(`fichier introuvable dans la boîte d'envoi : ${record.emlPath}`, { code: "outbox_missing_file" });
      });
    },
    async list() {
      const files = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [];
        throw new SystemError(`lecture impossible de la boîte d'envoi ${folder} : ${error.message}`, { code: "outbox_read_failed" });
      });
      const records: OutboxRecord[] = [];
      for (const file of files.sort()) {
        const match = EML_NAME.exec(file);
        if (match?.[1]) records.push(await readRecord(folder, file, match[1]));
      }
      return records.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    },
  };
}
