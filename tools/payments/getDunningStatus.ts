import { z } from "zod";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { DUNNING_LEVEL_LABELS, DunningLevelSchema } from "../../engine/dunning/dunningLevel.js";
import { type ReceivablesSummary, receivablesSummaryToWire } from "../../engine/receivables/receivablesSummary.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { InvoiceReferenceSchema, resolveInvoice } from "./invoiceReference.js";
import { loadReceivablesSummary } from "./loadReceivablesSummary.js";

const InputSchema = z.object({
  asOf: IsoDateSchema.optional().describe("date d'observation AAAA-MM-JJ (aujourd'hui par défaut)"),
  clientId: z.number().int().positive().optional().describe("limiter à un client (identifiant donné par find_client)"),
  invoice: InvoiceReferenceSchema.optional(),
  dueOnly: z.boolean().default(false).describe("ne garder que les factures qui ont une relance à envoyer à cette date"),
});

const LevelSchema = z.object({ level: DunningLevelSchema, label: z.string(), date: IsoDateSchema });

export const GetDunningStatusOutputSchema = z.object({
  asOf: IsoDateSchema,
  invoices: z.array(
    z.object({
      invoiceId: z.number().int(),
      number: z.string(),
      clientId: z.number().int(),
      clientName: z.string(),
      dueDate: IsoDateSchema,
      outstanding: AmountStringSchema,
      daysOverdue: z.number().int(),
      disputed: z.boolean(),
      lastSent: LevelSchema.nullable(),
      dueNow: z.object({ level: DunningLevelSchema, label: z.string() }).nullable(),
      next: LevelSchema.nullable(),
      /** French: why this decision. */
      reason: z.string(),
    }),
  ),
  dueNowCount: z.number().int(),
});

/** The tool's structured answer from a computed summary: one invoice, or those with a reminder due (the web dashboard shows the same). */
export function dunningStatusStructured(summary: ReceivablesSummary, options: { readonly invoiceId?: number | undefined; readonly dueOnly?: boolean | undefined } = {}): z.infer<typeof GetDunningStatusOutputSchema> {
  const wire = receivablesSummaryToWire(summary);
  const byId = new Map(wire.invoices.map((r) => [r.invoiceId, r]));
  const rows = wire.dunning
    .filter((d) => options.invoiceId === undefined || d.invoiceId === String(options.invoiceId))
    .filter((d) => !options.dueOnly || d.dueNow !== null)
    .flatMap((d) => {
      const r = byId.get(d.invoiceId);
      if (!r) return [];
      return [
        {
          invoiceId: Number.parseInt(d.invoiceId, 10),
          number: d.number,
          clientId: Number.parseInt(r.clientId, 10),
          clientName: r.clientName ?? r.clientId,
          dueDate: r.dueDate,
          outstanding: r.outstanding,
          daysOverdue: d.daysOverdue,
          disputed: r.disputed,
          lastSent: d.lastSent && { ...d.lastSent, label: DUNNING_LEVEL_LABELS[d.lastSent.level] },
          dueNow: d.dueNow && { level: d.dueNow, label: DUNNING_LEVEL_LABELS[d.dueNow] },
          next: d.next && { ...d.next, label: DUNNING_LEVEL_LABELS[d.next.level] },
          reason: d.reason,
        },
      ];
    });
  return { asOf: summary.asOf, invoices: rows, dueNowCount: rows.filter((r) => r.dueNow !== null).length };
}

/** get_dunning_status: which open invoice needs which reminder level on a date, and what comes next. */
export const getDunningStatusTool = defineTool({
  name: "get_dunning_status",
  title: "État des relances",
  description:
    "Pour chaque facture ouverte (ou une seule), le niveau de relance dû à une date (aujourd'hui par défaut) selon la politique : " +
    "R1 cordiale à +7 jours, R2 ferme à +15, R3 mise en demeure à +30, escalade à +60, sans jamais sauter de niveau ; le dernier niveau " +
    "envoyé, le suivant et sa date. Les factures en litige sont suspendues. À utiliser avant de préparer une relance ou pour « qui faut-il " +
    "relancer ? ». Lecture seule : n'envoie rien (la relance se prépare avec draft_reminder).",
  inputSchema: InputSchema,
  outputSchema: GetDunningStatusOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const asOf = args.asOf ?? ctx.today();
    const only = args.invoice === undefined ? undefined : await resolveInvoice(ctx.db, args.invoice);
    const { summary } = await loadReceivablesSummary(ctx.db, asOf, { clientId: only?.clientId ?? args.clientId });
    const { invoices: rows, dueNowCount } = dunningStatusStructured(summary, { invoiceId: only?.id, dueOnly: args.dueOnly });
    const head =
      only !== undefined && rows.length === 0
        ? `Facture ${only.number ?? only.id} : rien à payer au ${formatDateShortFr(asOf)}, aucune relance.`
        : dueNowCount === 0
          ? `Aucune relance à envoyer au ${formatDateShortFr(asOf)}${rows.length > 0 ? ` (${rows.length} facture${rows.length > 1 ? "s" : ""} ouverte${rows.length > 1 ? "s" : ""} suivie${rows.length > 1 ? "s" : ""})` : ""}.`
          : `${dueNowCount} relance${dueNowCount > 1 ? "s" : ""} à envoyer au ${formatDateShortFr(asOf)} :`;
    const lines = rows.map((r) => `- ${r.number} (${r.clientName}) : ${r.reason}`);
    return { structured: { asOf, invoices: rows, dueNowCount }, text: [head, ...lines].join("\n") };
  },
});
