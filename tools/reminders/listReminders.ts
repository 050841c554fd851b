import { z } from "zod";
import { getClient } from "../../db/repositories/clients.js";
import { reminderHistory } from "../../db/repositories/reminderHistory.js";
import { dunningLevelOfColumn } from "../../db/repositories/reminderLevelColumn.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { DUNNING_LEVEL_LABELS, DunningLevelSchema } from "../../engine/dunning/dunningLevel.js";
import { InputError } from "../../engine/errors.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { InvoiceReferenceSchema, resolveInvoice } from "../payments/invoiceReference.js";
import { defineTool } from "../toolDefinition.js";

const InputSchema = z.object({
  invoice: InvoiceReferenceSchema.optional(),
  clientId: z.number({ error: "doit être l'identifiant numérique du client" }).int().positive().optional().describe("client (identifiant donné par find_client)"),
});

const DELIVERY_FR = { smtp: "e-mail (SMTP)", outbox: "boîte d'envoi locale" } as const;

export const ListRemindersOutputSchema = z.object({
  reminders: z.array(
    z.object({
      reminderId: z.number().int(),
      invoiceNumber: z.string(),
      clientName: z.string(),
      level: DunningLevelSchema,
      label: z.string(),
      date: IsoDateSchema.describe("date d'envoi, ou de préparation pour un brouillon"),
      channel: z.enum(["email", "letter", "phone"]),
      /** How a sent e-mail left: smtp, the local outbox, or unknown (e.g. imported history). */
      delivery: z.enum(["smtp", "outbox"]).nullable(),
      recipient: z.string(),
      status: z.enum(["drafted", "sent"]),
      sentAt: z.iso.datetime().nullable(),
      messageId: z.string().nullable(),
    }),
  ),
  sentCount: z.number().int(),
  draftedCount: z.number().int(),
});

/** list_reminders: the reminder history of an invoice or of a client (structured fields only, never e-mail bodies). */
export const listRemindersTool = defineTool({
  name: "list_reminders",
  title: "Historique des relances",
  description:
    "L'historique des relances d'une facture ou d'un client : niveau, date, canal, destinataire, statut (préparée ou envoyée), " +
    "identifiant du message. À utiliser pour « a-t-on déjà relancé Acme ? » ou avant de préparer une relance. Lecture seule ; " +
    "ne renvoie ni le texte des e-mails ni les notes.",
  inputSchema: InputSchema,
  outputSchema: ListRemindersOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    if (args.invoice === undefined && args.clientId === undefined) {
      throw new InputError("indiquez une facture (invoice) ou un client (clientId)", { field: "invoice" });
    }
    const invoice = args.invoice === undefined ? undefined : await resolveInvoice(ctx.db, args.invoice);
    const client = args.clientId === undefined ? undefined : await getClient(ctx.db, args.clientId);
    if (invoice && client && invoice.clientId !== client.id) {
      throw new InputError(`la facture ${invoice.number ?? invoice.id} n'est pas celle de ${client.name}`, { field: "invoice" });
    }
    const entries = await reminderHistory(ctx.db, { invoiceId: invoice?.id, clientId: client?.id });
    const rows = entries.flatMap((e) => {
      const level = dunningLevelOfColumn(e.reminder.level);
      if (!level) return [];
      const r = e.reminder;
      const delivery = r.status !== "sent" ? null : e.outbox === null ? null : e.outbox.status === "pending" ? ("outbox" as const) : ("smtp" as const);
      return [
        {
          reminderId: r.id,
          invoiceNumber: e.invoiceNumber ?? String(r.invoiceId),
          clientName: e.clientName,
          level,
          label: DUNNING_LEVEL_LABELS[level],
          date: r.remindedOn,
          channel: r.channel,
          delivery,
          recipient: r.recipient,
          status: r.status,
          sentAt: r.sentAt?.toISOString() ?? null,
          messageId: r.messageReference,
        },
      ];
    });
    const sentCount = rows.filter((r) => r.status === "sent").length;
    const subject = invoice ? `la facture ${invoice.number ?? invoice.id}` : `${client?.name ?? "ce client"}`;
    const head =
      rows.length === 0
        ? `Aucune relance pour ${subject}.`
        : `${rows.length} relance${rows.length > 1 ? "s" : ""} pour ${subject} (${sentCount} envoyée${sentCount > 1 ? "s" : ""}) :`;
    const lines = rows.map(
      (r) =>
        `- ${formatDateShortFr(r.date)} ${r.invoiceNumber} : ${r.label}, ${r.status === "sent" ? `envoyée${r.delivery ? ` (${DELIVERY_FR[r.delivery]})` : ""}` : "préparée, non envoyée"} à ${r.recipient}`,
    );
    return { structured: { reminders: rows, sentCount, draftedCount: rows.length - sentCount }, text: [head, ...lines].join("\n") };
  },
});
