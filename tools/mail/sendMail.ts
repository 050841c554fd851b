import { randomUUID } from "node:crypto";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { SystemError } from "../../engine/errors.js";
import type { ComposedMessage } from "./composeReminderMessage.js";
import type { OutboxStore } from "./outboxStore.js";
import { parseSmtpUrl, redactSecrets } from "./smtpUrl.js";

export interface SendMailOptions {
  /** `SMTP_URL`: when set, the message goes to this SMTP server; otherwise to the outbox. */
  readonly smtpUrl?: string | undefined;
  /** Data folder; the outbox is `<dataDir>/outbox/`. */
  readonly dataDir: string;
  /** Records outbox messages (the database's outbox table, or the folder itself). */
  readonly outbox: OutboxStore;
  /** Receives one French line per delivery; never a password. */
  readonly log?: ((line: string) => void) | undefined;
  /** Clock for the outbox record; the current time by default. */
  readonly now?: (() => Date) | undefined;
}

export type MailDelivery =
  | {
      readonly channel: "smtp";
      readonly messageId: string;
      readonly to: string;
      /** The server, password masked: "smtp://relance:***@127.0.0.1:2525". */
      readonly server: string;
      readonly accepted: readonly string[];
      /** The server's final answer, e.g. "250 OK: queued". */
      readonly response: string;
    }
  | {
      readonly channel: "outbox";
      readonly messageId: string;
      readonly to: string;
      readonly outboxId: string;
      readonly emlPath: string;
    };

/** The outbox folder of a data folder. */
export const outboxDir = (dataDir: string): string => join(resolve(dataDir), "outbox");

const TRANSPORT_DEFAULTS: SMTPTransport.Options = {
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  socketTimeout: 30_000,
  logger: false,
  debug: false,
};

const addressOf = (a: string | { readonly address: string }): string => (typeof a === "string" ? a : a.address);

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && !error.message.includes(String(code)) ? `${error.message} (code ${code})` : error.message;
}

async function sendBySmtp(message: ComposedMessage, smtpUrl: string, log: (line: string) => void): Promise<MailDelivery> {
  const smtp = parseSmtpUrl(smtpUrl);
  const transport = nodemailer.createTransport(smtp.url, TRANSPORT_DEFAULTS);
  try {
    const info = await transport.sendMail({ envelope: { from: message.envelope.from, to: [...message.envelope.to] }, raw: message.raw });
    const accepted = info.accepted.map(addressOf);
    if (accepted.length === 0) {
      throw new SystemError(`le serveur ${smtp.redacted} a refusé le destinataire ${message.to}`, { code: "smtp_rejected" });
    }
    log(`Relance envoyée par SMTP (${smtp.redacted}) à ${message.to}, message ${message.messageId}`);
    return {
      channel: "smtp",
      messageId: message.messageId,
      to: message.to,
      server: smtp.redacted,
      accepted,
      response: redactSecrets(info.response, smtp.secrets),
    };
  } catch (error) {
    if (error instanceof SystemError) throw error;
    // The original error is not kept as `cause`: it may carry the connection options.
    throw new SystemError(`envoi SMTP impossible via ${smtp.redacted} : ${redactSecrets(errorText(error), smtp.secrets)}`, {
      code: "smtp_failed",
    });
  } finally {
    transport.close();
  }
}

async function sendToOutbox(message: ComposedMessage, options: SendMailOptions, log: (line: string) => void): Promise<MailDelivery> {
  const dir = outboxDir(options.dataDir);
  const id = randomUUID();
  const emlPath = join(dir, `${id}.eml`);
  const partial = join(dir, `.${id}.eml.part`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(partial, message.raw, { flag: "wx", mode: 0o600 });
    await rename(partial, emlPath);
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    throw new SystemError(`écriture impossible dans la boîte d'envoi ${dir} : ${errorText(error)}`, { code: "outbox_write_failed" });
  }
  try {
    await options.outbox.add({
      id,
      ...(message.reminderId !== undefined ? { reminderId: message.reminderId } : {}),
      messageId: message.messageId,
      to: message.to,
      subject: message.subject,
      emlPath,
      createdAt: (options.now ?? (() => new Date()))(),
    });
  } catch (error) {
    await unlink(emlPath).catch(() => undefined);
    throw error;
  }
  log(`Relance déposée dans la boîte d'envoi pour ${message.to} : ${emlPath}`);
  return { channel: "outbox", messageId: message.messageId, to: message.to, outboxId: id, emlPath };
}

/**
 * Delivers a composed message: by SMTP when `smtpUrl` is set (nodemailer; the password is never logged and
 * is masked in any error), otherwise into the outbox: `<dataDir>/outbox/<id>.eml` plus a record in `outbox`.
 */
export async function sendMail(message: ComposedMessage, options: SendMailOptions): Promise<MailDelivery> {
  const log = options.log ?? (() => undefined);
  const smtpUrl = options.smtpUrl?.trim();
  return smtpUrl ? sendBySmtp(message, smtpUrl, log) : sendToOutbox(message, options, log);
}
