import { z } from "zod";
import { findInvoice } from "../../db/repositories/invoiceQueries.js";
import { enqueueEmail, markEmailSent } from "../../db/repositories/outbox.js";
import { claimDraftedReminder, findReminder, recordReminderDelivery } from "../../db/repositories/reminderDrafts.js";
import { dunningLevelOfColumn } from "../../db/repositories/reminderLevelColumn.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { DUNNING_LEVEL_LABELS } from "../../engine/dunning/dunningLevel.js";
import { NotFoundError, RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toDecimal } from "../../engine/money/money.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineAction } from "../confirmation/actionDefinition.js";
import { actionDigest } from "../../db/canonicalDigest.js";
import { ProposalResultSchema } from "../confirmation/proposalResult.js";
import { facturxDocuments } from "../documents/facturxDocuments.js";
import { loadInvoiceDocument } from "../../db/repositories/loadInvoiceDocument.js";
import { composeReminderMessage } from "../mail/composeReminderMessage.js";
import { dbOutboxStore } from "../mail/dbOutboxStore.js";
import { type ReminderInput, ReminderInputSchema, ReminderLevelSchema } from "../mail/reminderInput.js";
import { renderReminder } from "../mail/renderReminder.js";
import { outboxDir, sendMail } from "../mail/sendMail.js";
import { parseSmtpUrl } from "../mail/smtpUrl.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { defineTool } from "../toolDefinition.js";
import { reminderDeliverySettings } from "./reminderDelivery.js";
import { loadReminderSituation, refuseUnremindable, reminderInputFor } from "./reminderSituation.js";

/** Exactly what the human approves and what is sent: the rendered reminder's input, its recipient and route. */
const SendReminderPayloadSchema = z.object({
  reminderId: z.number().int().positive(),
  invoiceId: z.number().int().positive(),
  invoiceNumber: z.string(),
  clientName: z.string(),
  level: ReminderLevelSchema,
  /** The client record's billing e-mail. */
  recipient: z.string(),
  subject: z.string(),
  /** The date of the message (the reminder's date once sent). */
  asOf: IsoDateSchema,
  /** What the templates render (figures from the engine, decimal strings). */
  reminder: ReminderInputSchema,
  /** The invoice PDF (Factur-X) attached. */
  attachment: z.string(),
  /** `smtp` (SMTP_URL, shown without its password) or the local `outbox` folder. */
  route: z.object({ kind: z.enum(["smtp", "outbox"]), target: z.string() }),
  /** What the message claims: the outstanding amount, or the total of a mise en demeure. */
  amountClaimed: AmountStringSchema,
});
type SendReminderPayload = z.infer<typeof SendReminderPayloadSchema>;

/** "F-2026-0042.pdf" ("/" of a number would open a folder). */
const pdfName = (number: string): string => `${number.replaceAll("/", "_")}.pdf`;

function currentRoute(): SendReminderPayload["route"] {
  const settings = reminderDeliverySettings();
  return settings.smtpUrl ? { kind: "smtp", target: parseSmtpUrl(settings.smtpUrl).redacted } : { kind: "outbox", target: outboxDir(settings.dataDir) };
}

/**
 * The payload of sending reminder `reminderId` today: the situation re-read from the ledger and the
 * records (paid or disputed: refused), the e-mail re-rendered from the templates.
 */
async function sendPayload(db: ToolDatabase, reminderId: number, asOf: string): Promise<SendReminderPayload> {
  const reminder = await findReminder(db, reminderId);
  if (!reminder) throw new NotFoundError(`relance ${reminderId} introuvable`, { field: "reminderId" });
  if (reminder.status === "sent") {
    throw new RuleError(`la relance ${reminderId} a déjà été envoyée le ${formatDateShortFr(reminder.remindedOn)}`, { field: "reminderId", code: "reminder_already_sent" });
  }
  const level = ReminderLevelSchema.safeParse(dunningLevelOfColumn(reminder.level));
  if (!level.success) throw new RuleError(`la relance ${reminderId} n'est pas un e-mail (escalade à un responsable)`, { field: "reminderId", code: "not_an_email" });
  const invoice = await findInvoice(db, reminder.invoiceId);
  if (!invoice) throw new NotFoundError(`facture ${reminder.invoiceId} introuvable`, { field: "reminderId" });
  const situation = await loadReminderSituation(db, invoice, asOf, "reminderId");
  refuseUnremindable(situation, "reminderId");
  const input: ReminderInput = await reminderInputFor(db, situation, level.data);
  const rendered = renderReminder(input);
  return {
    reminderId,
    invoiceId: invoice.id,
    invoiceNumber: situation.invoice.number,
    clientName: situation.client.name,
    level: level.data,
    recipient: situation.recipient.email,
    subject: rendered.subject,
    asOf,
    reminder: ReminderInputSchema.parse(input),
    attachment: pdfName(situation.invoice.number),
    route: currentRoute(),
    amountClaimed: input.penalties?.totalClaimed ?? input.invoice.outstanding,
  };
}

/** The executor: re-checks, claims the draft, builds the PDF, sends (SMTP or outbox), records and audits. */
export const sendReminderAction = defineAction({
  kind: "send_reminder",
  payloadSchema: SendReminderPayloadSchema,
  preview: (p: SendReminderPayload) => ({
    title: `Envoi de la ${DUNNING_LEVEL_LABELS[p.level]} pour la facture ${p.invoiceNumber}`,
    client: p.clientName,
    lines: [],
    facts: [
      { label: "Destinataire", value: `${p.recipient} (fiche client)` },
      { label: "Objet", value: p.subject },
      { label: "Reste dû", value: formatEuros(toDecimal(p.reminder.invoice.outstanding)) },
      ...(p.reminder.penalties
        ? [
            { label: "Pénalités de retard", value: `${formatEuros(toDecimal(p.reminder.penalties.interest))} (${p.reminder.penalties.days} jours)` },
            { label: "Indemnité forfaitaire", value: formatEuros(toDecimal(p.reminder.penalties.fixedIndemnity)) },
            { label: "Total réclamé", value: formatEuros(toDecimal(p.reminder.penalties.totalClaimed)) },
          ]
        : []),
      { label: "Date du message", value: formatDateShortFr(p.asOf) },
      { label: "Pièce jointe", value: `${p.attachment} (Factur-X)` },
      { label: "Envoi", value: p.route.kind === "smtp" ? `par SMTP (${p.route.target})` : `dans la boîte d'envoi locale (${p.route.target})` },
    ],
    amountAtStake: p.amountClaimed,
  }),
  async execute(p, ctx) {
    if (ctx.today !== p.asOf) {
      throw new RuleError(`relance proposée pour le ${formatDateShortFr(p.asOf)} : proposez-la à nouveau aujourd'hui`, { field: "asOf", code: "reminder_stale" });
    }
    // What is sent must still be exactly what the human approved.
    const now = await sendPayload(ctx.db, p.reminderId, ctx.today);
    if (actionDigest("send_reminder", now) !== actionDigest("send_reminder", p)) {
      throw new RuleError("la facture, la fiche client ou la configuration d'envoi a changé depuis la proposition : rien n'a été envoyé, proposez-la à nouveau", {
        field: "reminderId",
        code: "reminder_changed",
      });
    }
    const at = new Date();
    await claimDraftedReminder(ctx.db, { reminderId: p.reminderId, sentOn: p.asOf, recipient: p.recipient, subject: p.subject, at });
    const { pdf } = await facturxDocuments(await loadInvoiceDocument(ctx.db, p.invoiceId));
    const message = await composeReminderMessage({
      reminder: p.reminder,
      invoicePdf: { filename: p.attachment, content: Buffer.from(pdf) },
      reminderId: p.reminderId,
      date: at,
    });
    const settings = reminderDeliverySettings();
    const delivery = await sendMail(message, { smtpUrl: settings.smtpUrl, dataDir: settings.dataDir, outbox: dbOutboxStore(ctx.db, { invoiceId: p.invoiceId }), now: () => at });
    if (delivery.channel === "smtp") {
      // The outbox table keeps every e-mail: this one already left (status sent).
      const row = await enqueueEmail(ctx.db, { reminderId: p.reminderId, invoiceId: p.invoiceId, to: delivery.to, subject: p.subject, messageId: delivery.messageId });
      await markEmailSent(ctx.db, row.id, { messageId: delivery.messageId, at });
    }
    await recordReminderDelivery(ctx.db, {
      reminderId: p.reminderId,
      messageId: delivery.messageId,
      route: delivery.channel,
      actor: ctx.confirmedBy.userId,
      channel: ctx.confirmedBy.channel,
      pendingActionId: ctx.actionId,
      payloadDigest: actionDigest("send_reminder", p),
      details: { invoice: p.invoiceNumber, levelName: p.level, ...(delivery.channel === "outbox" ? { emlPath: delivery.emlPath } : { server: delivery.server }) },
      at,
    });
    const label = DUNNING_LEVEL_LABELS[p.level];
    const where = delivery.channel === "smtp" ? `envoyée par SMTP à ${delivery.to}` : `déposée dans la boîte d'envoi pour ${delivery.to} (${delivery.emlPath})`;
    return {
      text: `${label.charAt(0).toUpperCase()}${label.slice(1)} de la facture ${p.invoiceNumber} ${where}, avec ${p.attachment} en pièce jointe.`,
      result: {
        reminderId: p.reminderId,
        invoiceNumber: p.invoiceNumber,
        level: p.level,
        recipient: delivery.to,
        channel: delivery.channel,
        messageId: delivery.messageId,
        sentOn: p.asOf,
        ...(delivery.channel === "outbox" ? { outboxId: delivery.outboxId, emlPath: delivery.emlPath } : { server: delivery.server }),
      },
    };
  },
});

/** send_reminder: proposes sending a drafted reminder; nothing leaves before a human confirms. */
export const sendReminderTool = defineTool({
  name: "send_reminder",
  title: "Envoyer une relance",
  description:
    "Propose d'envoyer une relance préparée par draft_reminder (identifiant reminderId) : e-mail au contact de facturation de la fiche " +
    "client, texte du modèle du niveau, facture PDF (Factur-X) jointe, par SMTP ou dans la boîte d'envoi locale. Rien n'est envoyé " +
    "tant qu'un humain n'a pas confirmé : la réponse donne l'action en attente et l'aperçu exact. Refuse une facture soldée ou en " +
    "litige et une relance déjà envoyée.",
  inputSchema: z.object({
    reminderId: z.number({ error: "doit être l'identifiant numérique de la relance (donné par draft_reminder)" }).int().positive().describe("relance préparée à envoyer"),
  }),
  outputSchema: ProposalResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  monetary: true,
  action: sendReminderAction,
  async handler(args, ctx) {
    return ctx.gate.propose(sendReminderAction, await sendPayload(ctx.db, args.reminderId, ctx.today()));
  },
});
