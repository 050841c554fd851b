import { z } from "zod";
import { pastOrToday } from "./pastOrToday.js";
import { recordEvent } from "../../db/repositories/events.js";
import { getProject } from "../../db/repositories/projects.js";
import { InputError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { ZERO, roundCents, sum, toAmountString, toDecimal, toPlainString } from "../../engine/money/money.js";
import { PricingSchema } from "../../engine/scenario/pricing.js";
import { workOf } from "../../engine/schedule/realizedWork.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { chooseContract } from "./contractChoice.js";
import { dueNow, DueNowSchema, dueNowText } from "./dueNow.js";
import { canonicalName } from "./nameMatch.js";

const QuantitySchema = DecimalStringSchema.refine((s) => !s.startsWith("-") && !/^0+(\.0+)?$/.test(s), { message: "doit être strictement positif" });

const EntrySchema = z.object({
  date: IsoDateSchema.optional().describe("date AAAA-MM-JJ (défaut : aujourd'hui)"),
  action: z.string({ error: "doit être un texte" }).trim().min(1, "ne doit pas être vide").max(200).describe("action ou activité (pour une liste de prix : un nom de la liste)"),
  quantity: QuantitySchema.describe("quantité dans l'unité du tarif : heures ou jours (\"1.5\")"),
  description: z.string().max(1000).optional(),
});

const InputSchema = z.object({
  projectId: z.number({ error: "doit être l'identifiant numérique du projet (voir find_project)" }).int().positive(),
  contractId: z.number().int().positive().optional().describe("contrat en régie du projet (si plusieurs)"),
  entries: z.array(EntrySchema, { error: "doit être une liste de temps passés" }).min(1, "au moins un temps passé").max(200, "200 temps passés au plus par appel"),
});

const UNIT_FR = { hour: "heure(s)", day: "jour(s)", flat: "forfait", free: "non facturé" } as const;

export const RecordTimeEntriesOutputSchema = z.object({
  contractId: z.number().int(),
  contractName: z.string(),
  entries: z.array(
    z.object({
      eventId: z.number().int(),
      date: IsoDateSchema,
      action: z.string(),
      quantity: DecimalStringSchema,
      unit: z.string(),
      unitPrice: DecimalStringSchema.nullable(),
      amount: AmountStringSchema.describe("valeur HT du temps (quantité × prix), facturée selon l'échéancier"),
    }),
  ),
  totalAmount: AmountStringSchema,
  dueNow: DueNowSchema,
});

export const recordTimeEntriesTool = defineTool({
  name: "record_time_entries",
  title: "Saisir des temps passés (régie)",
  description:
    "Enregistre des temps passés sur un contrat en régie (taux horaire / journalier, ou liste de prix par action) : date, action ou activité, " +
    "quantité dans l'unité du tarif (heures ou jours), description. À utiliser quand l'utilisateur déclare du temps ou des prestations réalisées. " +
    "Ne facture rien : le réalisé est facturé selon l'échéancier (en général le mois suivant) via prepare_invoice_draft.",
  inputSchema: InputSchema,
  outputSchema: RecordTimeEntriesOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  monetary: false,
  bindable: ["projectId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const project = await getProject(ctx.db, args.projectId);
    const isRegie = (c: (typeof project.contracts)[number]) => c.pricing.type === "rate" || c.pricing.type === "per_action";
    const contract = chooseContract(project, args.contractId, isRegie, "les temps passés se saisissent sur un contrat en régie (taux ou liste de prix)");
    const pricing = PricingSchema.parse(contract.pricing);
    const known = pricing.type === "per_action" ? pricing.actions.map((a) => a.name) : [];

    const prepared = args.entries.map((entry, i) => {
      const date = entry.date ?? today;
      pastOrToday(date, today, `entries[${i}].date`);
      let action = entry.action;
      if (pricing.type === "per_action") {
        const canonical = canonicalName(entry.action, known);
        if (canonical === undefined) throw new InputError(`action inconnue de la liste de prix (connues : ${known.join(", ")})`, { field: `entries[${i}].action` });
        action = canonical;
      }
      const unit = pricing.type === "rate" ? pricing.unit : pricing.type === "per_action" ? (pricing.actions.find((a) => a.name === action)?.unit ?? "free") : "free";
      const work = workOf(pricing, { date, type: "action", name: action, quantity: entry.quantity }, i);
      return { date, action, quantity: toDecimal(entry.quantity), description: entry.description, unit, work };
    });

    const rows = await ctx.db.transaction(async (tx) => {
      const out = [];
      for (const p of prepared) {
        const stored = await recordEvent(tx, {
          contractId: contract.id,
          type: "action",
          occurredOn: p.date,
          name: p.action,
          quantity: p.quantity,
          description: p.description ?? null,
          recordedBy: ctx.session.userId,
        });
        out.push({
          eventId: stored.id,
          date: p.date,
          action: p.action,
          quantity: toPlainString(p.quantity),
          unit: UNIT_FR[p.unit as keyof typeof UNIT_FR],
          unitPrice: p.work ? toPlainString(p.work.unitPrice) : null,
          amount: toAmountString(roundCents(p.work?.amount ?? ZERO)),
        });
      }
      return out;
    });
    const total = sum(rows.map((r) => toDecimal(r.amount)));
    const due = await dueNow(ctx.db, project.id, today);
    const text = `${rows.length} temps passé(s) enregistré(s) sur « ${contract.name} » pour ${formatEuros(total)} HT de réalisé.${dueNowText(due)}`;
    return { structured: { contractId: contract.id, contractName: contract.name, entries: rows, totalAmount: toAmountString(total), dueNow: due }, text };
  },
});
