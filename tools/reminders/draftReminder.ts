import { z } from "zod";
import { draftReminder } from "../../db/repositories/reminderDrafts.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { DUNNING_LEVEL_LABELS, DunningLevelSchema } from "../../engine/dunning/dunningLevel.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toAmountString, toDecimal } from "../../engine/money/money.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { renderReminder } from "../mail/renderReminder.js";
import { InvoiceReferenceSchema, resolveInvoice } from "../payments/invoiceReference.js";
import { defineTool } from "../toolDefinition.js";
import { chooseReminderLevel } from "./reminderLevelChoice.js";
import { loadReminderSituation, refuseUnremindable, reminderInputFor } from "./reminderSituation.js";
import { ReminderLevelInputSchema, ReminderPenaltiesWireSchema } from "./reminderWire.js";

const InputSchema = z.strictObject({
  invoice: InvoiceReferenceSchema,
  level: ReminderLevelInputSchema.optional().describe(
    "niveau à forcer (pre_due, r1, r2, r3) ; sans ce champ, la politique de relance choisit le niveau dû aujourd'hui",
  ),
  reason: z
    .string({ error: "doit être un texte" })
    .trim()
    .min(3, "doit expliquer le motif en quelques mots")
    .max(300, "300 caractères au plus")
    .optional()
    .describe("motif, obligatoire pour forcer un niveau qui en saute un (par exemple R3 sans R1 ni R2)"),
});

export const DraftReminderOutputSchema = z.object({
  reminderId: z.number().int().describe("identifiant de la relance préparée (à passer à send_reminder)"),
  status: z.literal("drafted"),
  /** created: new draft; updated: the unsent draft of this invoice was rewritten; unchanged: the same draft already existed. */
  outcome: z.enum(["created", "updated", "unchanged"]),
  level: ReminderLevelInputSchema,
  levelLabel: z.string(),
  chosenBy: z.enum(["policy", "forced"]),
  forcedReason: z.string().nullable(),
  asOf: IsoDateSchema,
  invoice: z.object({
    number: z.string(),
    dueDate: IsoDateSchema,
    amountDue: AmountStringSchema,
    outstanding: AmountStringSchema,
    daysOverdue: z.number().int(),
  }),
  client: z.object({ id: z.number().int(), name: z.string() }),
  recipient: z.string().describe("adresse de facturation de la fiche client (seul destinataire possible)"),
  subject: z.string(),
  penalties: ReminderPenaltiesWireSchema.nullable().describe("pénalités de retard et indemnité forfaitaire (R3 uniquement)"),
  textPreview: z.string().describe("texte de l'e-mail, produit par le modèle de relance du niveau"),
  next: z.object({ level: DunningLevelSchema, label: z.string(), date: IsoDateSchema }).nullable(),
});

/** draft_reminder: prepares (never sends) the reminder e-mail of an invoice, at the level the policy says. */
export const draftReminderTool = defineTool({
  name: "draft_reminder",
  title: "Préparer une relance",
  description:
    "Prépare la relance par e-mail d'une facture émise et non payée, sans l'envoyer : le niveau est celui que la politique de " +
    "relance prévoit aujourd'hui (R1 cordiale à +7 jours, R2 ferme à +15, R3 mise en demeure à +30 avec pénalités de retard et " +
    "indemnité de 40 €), ou un niveau forcé (pre_due, r1, r2, r3) — sauter un niveau exige un motif. Le destinataire est l'adresse " +
    "de facturation de la fiche client et le texte vient des modèles : l'outil ne prend ni adresse ni texte libre. Refuse une " +
    "facture soldée ou en litige. À utiliser pour « relance Acme », « prépare la mise en demeure de F-2026-0042 » ; l'envoi se fait " +
    "ensuite avec send_reminder (confirmation humaine).",
  inputSchema: InputSchema,
  outputSchema: DraftReminderOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  monetary: false,
  async handler(args, ctx) {
    const asOf = ctx.today();
    const situation = await loadReminderSituation(ctx.db, await resolveInvoice(ctx.db, args.invoice), asOf);
    refuseUnremindable(situation);
    const choice = chooseReminderLevel(situation, { level: args.level, reason: args.reason });
    const input = await reminderInputFor(ctx.db, situation, choice.level);
    const rendered = renderReminder(input);
    const stored = await draftReminder(ctx.db, {
      invoiceId: situation.invoice.id,
      level: choice.level,
      remindedOn: asOf,
      recipient: situation.recipient.email,
      subject: rendered.subject,
      actor: ctx.session.userId,
      channel: ctx.session.channel,
      forcedReason: choice.chosenBy === "forced" ? (choice.forcedReason ?? "niveau demandé") : undefined,
    });
    const { invoice, receivable, client } = situation;
    const label = DUNNING_LEVEL_LABELS[choice.level];
    const next = choice.step.dueNow === choice.level ? choice.step.next : null;
    const late = receivable.daysOverdue > 0 ? `${receivable.daysOverdue} jour${receivable.daysOverdue > 1 ? "s" : ""} de retard` : `échéance le ${formatDateShortFr(invoice.dueDate)}`;
    const claimed = input.penalties ? `, ${formatEuros(receivable.outstanding)} + pénalités et indemnité = ${formatEuros(toDecimal(input.penalties.totalClaimed))} réclamés` : "";
    const done = stored.outcome === "unchanged" ? "déjà préparée" : "préparée";
    return {
      structured: {
        reminderId: stored.reminder.id,
        status: "drafted" as const,
        outcome: stored.outcome,
        level: choice.level,
        levelLabel: label,
        chosenBy: choice.chosenBy,
        forcedReason: choice.forcedReason,
        asOf,
        invoice: {
          number: invoice.number,
          dueDate: invoice.dueDate,
          amountDue: input.invoice.amountDue,
          outstanding: toAmountString(receivable.outstanding),
          daysOverdue: receivable.daysOverdue,
        },
        client: { id: client.id, name: client.name },
        recipient: situation.recipient.email,
        subject: rendered.subject,
        penalties: input.penalties ?? null,
        textPreview: rendered.text,
        next: next && { level: next.level, label: DUNNING_LEVEL_LABELS[next.level], date: next.date },
      },
      text:
        `${label.charAt(0).toUpperCase()}${label.slice(1)} ${done} (n° ${stored.reminder.id}) pour la facture ${invoice.number} de ${client.name} ` +
        `(reste dû ${formatEuros(receivable.outstanding)}, ${late}${claimed}) : « ${rendered.subject} », à ${situation.recipient.email}. ` +
        "Rien n'est envoyé : l'envoi passe par send_reminder et la confirmation d'un humain.",
    };
  },
});
