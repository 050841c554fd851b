import { randomUUID } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { z } from "zod";
import { parseInput } from "../validationError.js";
import { type ReminderInput, ReminderInputSchema } from "./reminderInput.js";
import { renderReminder } from "./renderReminder.js";

/** Header carrying the reminder id, so an .eml file can be traced back to its reminder. */
export const REMINDER_ID_HEADER = "X-Facturation-Reminder-Id";

/** The invoice PDF (Factur-X) to attach, produced elsewhere and passed in as bytes. */
export const PdfAttachmentSchema = z.object({
  filename: z
    .string({ error: "doit être un nom de fichier" })
    .regex(/^[^/\\\u0000-\u001f]{1,150}\.pdf$/i, "doit être un nom de fichier se terminant par .pdf, sans dossier"),
  content: z
    .instanceof(Buffer, { message: "doit contenir les octets du PDF" })
    .refine((b) => b.subarray(0, 5).toString("latin1") === "%PDF-", { message: "n'est pas un fichier PDF (en-tête %PDF- absent)" }),
});
export type PdfAttachment = z.infer<typeof PdfAttachmentSchema>;

export const ComposeReminderInputSchema = z.object({
  reminder: ReminderInputSchema,
  /** The invoice to attach; `null` only when deliberately sending without it. */
  invoicePdf: PdfAttachmentSchema.nullable(),
  /** The Date header; the current time by default. */
  date: z.date().optional(),
  /** The reminder row this message belongs to, written in the X-Facturation-Reminder-Id header. */
  reminderId: z.number({ error: "doit être un identifiant numérique" }).int("doit être un entier").positive("doit être positif").optional(),
});
export interface ComposeReminderInput {
  readonly reminder: ReminderInput;
  readonly invoicePdf: PdfAttachment | null;
  readonly date?: Date | undefined;
  readonly reminderId?: number | undefined;
}

/** A complete MIME message, ready to be sent by SMTP or written to the outbox as an .eml file. */
export interface ComposedMessage {
  /** "<uuid@seller-domain>", as in the Message-ID header. */
  readonly messageId: string;
  readonly from: string;
  /** The client's billing e-mail, taken from the client record. */
  readonly to: string;
  readonly subject: string;
  readonly date: Date;
  /** The reminder row, also in the X-Facturation-Reminder-Id header. */
  readonly reminderId?: number | undefined;
  /** The SMTP envelope (MAIL FROM, RCPT TO). */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** The RFC 5322 bytes (CRLF line endings). */
  readonly raw: Buffer;
}

/**
 * Renders the reminder and builds the MIME message: From the seller, To the client's billing address
 * (never an address supplied by a model), Reply-To when configured, an encoded French Subject, Date,
 * Message-ID, a text and an HTML alternative, and the invoice PDF attached.
 */
export async function composeReminderMessage(raw: ComposeReminderInput): Promise<ComposedMessage> {
  const input = parseInput(ComposeReminderInputSchema, raw);
  const rendered = renderReminder(input.reminder);
  const { seller, client } = input.reminder;
  const domain = seller.email.slice(seller.email.lastIndexOf("@") + 1).toLowerCase();
  const messageId = `<${randomUUID()}@${domain}>`;
  const date = input.date ?? new Date();
  const composer = new MailComposer({
    from: { name: seller.legalName, address: seller.email },
    to: { name: client.name, address: client.billingEmail },
    ...(seller.replyTo ? { replyTo: seller.replyTo } : {}),
    subject: rendered.subject,
    date,
    messageId,
    text: rendered.text,
    html: rendered.html,
    headers: {
      "Content-Language": "fr",
      ...(input.reminderId !== undefined ? { [REMINDER_ID_HEADER]: String(input.reminderId) } : {}),
    },
    attachments: input.invoicePdf
      ? [{ filename: input.invoicePdf.filename, content: input.invoicePdf.content, contentType: "application/pdf", contentDisposition: "attachment" }]
      : [],
    newline: "\r\n",
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const bytes = await composer.compile().build();
  return {
    messageId,
    from: seller.email,
    to: client.billingEmail,
    subject: rendered.subject,
    date,
    ...(input.reminderId !== undefined ? { reminderId: input.reminderId } : {}),
    envelope: { from: seller.email, to: [client.billingEmail] },
    raw: bytes,
  };
}
