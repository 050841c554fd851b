import { z } from "zod";
import { daysBetween, formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { InputError } from "../../engine/errors.js";
import { DEFAULT_PERIOD_DAYS } from "../../engine/receivables/reportingPeriod.js";
import { type ReceivablesSummary, ReceivablesSummarySchema, receivablesSummaryToWire } from "../../engine/receivables/receivablesSummary.js";
import { receivablesSummaryText } from "../../engine/receivables/receivablesSummaryText.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { loadReceivablesSummary } from "./loadReceivablesSummary.js";

/** The formulas behind the two ratios, named so nobody has to guess how a figure was obtained. */
export const DSO_FORMULA =
  "DSO = encours clients TTC à la fin de la période ÷ chiffre d'affaires TTC facturé sur la période (avoirs déduits) × nombre de jours de la période";
export const RECOVERY_FORMULA =
  "Taux de recouvrement = encaissé ÷ dû × 100, sur les factures dont l'échéance tombe dans la période (avoirs déduits, trop-perçus plafonnés)";

const MAX_PERIOD_DAYS = 366;

const InputSchema = z
  .object({
    asOf: IsoDateSchema.optional().describe("date d'observation AAAA-MM-JJ (aujourd'hui par défaut), fin de la période des indicateurs"),
    clientId: z.number().int().positive().optional().describe("limiter à un client (identifiant donné par find_client)"),
    periodDays: z
      .number({ error: "doit être un nombre entier de jours" })
      .int("doit être un nombre entier de jours")
      .min(1, "doit être au moins 1")
      .max(MAX_PERIOD_DAYS, `ne peut pas dépasser ${MAX_PERIOD_DAYS}`)
      .optional()
      .describe(`longueur en jours de la période des indicateurs (DSO, recouvrement, chiffre d'affaires), terminée à la date d'observation (${DEFAULT_PERIOD_DAYS} par défaut)`),
    from: IsoDateSchema.optional().describe(
      "début de la période des indicateurs (AAAA-MM-JJ), à la place de periodDays : « ce trimestre » au 25/11/2026 → from 2026-10-01 (et asOf la fin de la période si elle est passée)",
    ),
  })
  .superRefine((v, ctx) => {
    if (v.from !== undefined && v.periodDays !== undefined) ctx.addIssue({ code: "custom", path: ["from"], message: "soit from, soit periodDays, pas les deux" });
    if (v.from !== undefined && v.asOf !== undefined && v.from > v.asOf) ctx.addIssue({ code: "custom", path: ["from"], message: "doit précéder ou égaler la date d'observation (asOf)" });
  });

/** The indicators' period length: from `from` to `asOf` both included, else `periodDays`, else the default. */
function periodDaysOf(args: { from?: IsoDate | undefined; periodDays?: number | undefined }, asOf: IsoDate): number {
  if (args.from === undefined) return args.periodDays ?? DEFAULT_PERIOD_DAYS;
  if (args.from > asOf) throw new InputError(`doit précéder ou égaler la date d'observation (${formatDateShortFr(asOf)})`, { field: "from" });
  const days = daysBetween(args.from, asOf) + 1;
  if (days > MAX_PERIOD_DAYS) throw new InputError(`la période du ${formatDateShortFr(args.from)} au ${formatDateShortFr(asOf)} dépasse ${MAX_PERIOD_DAYS} jours`, { field: "from" });
  return days;
}

export const GetReceivablesSummaryOutputSchema = ReceivablesSummarySchema.omit({ invoices: true, dunning: true }).extend({
  clientId: z.number().int().nullable(),
  formulas: z.object({ dso: z.string(), recoveryRate: z.string() }),
});

/** The tool's structured answer from a computed summary (the web dashboard shows the same). */
export function receivablesSummaryStructured(summary: ReceivablesSummary, clientId?: number | undefined): z.infer<typeof GetReceivablesSummaryOutputSchema> {
  const { invoices: _invoices, dunning: _dunning, ...wire } = receivablesSummaryToWire(summary);
  return { ...wire, clientId: clientId ?? null, formulas: { dso: DSO_FORMULA, recoveryRate: RECOVERY_FORMULA } };
}

/** get_receivables_summary: aging, DSO, recovery rate, KPIs with targets and alerts, as of a date. */
export const getReceivablesSummaryTool = defineTool({
  name: "get_receivables_summary",
  title: "Synthèse des créances clients",
  description:
    "Tableau de bord des paiements à une date (aujourd'hui par défaut), pour tous les clients ou un seul : balance âgée (non échu, " +
    "1–30, 31–60, 61–90, plus de 90 jours) en montants et nombres, globale et par client ; DSO avec sa formule ; taux de recouvrement " +
    "sur la période ; indicateurs avec objectifs et alertes ; alertes par facture. La période des indicateurs (DSO, recouvrement, chiffre d'affaires) se termine à asOf : " +
    "from pour une période nommée (« ce trimestre », « ce mois-ci »), sinon periodDays (90 jours par défaut). À utiliser pour « quel est l'état des paiements ? », " +
    "« où en est l'encours ? ». Lecture seule ; pour le détail d'une facture utiliser get_invoice, pour les relances get_dunning_status.",
  inputSchema: InputSchema,
  outputSchema: GetReceivablesSummaryOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const asOf = args.asOf ?? ctx.today();
    const periodDays = periodDaysOf(args, asOf);
    const { summary } = await loadReceivablesSummary(ctx.db, asOf, { clientId: args.clientId, periodDays });
    return { structured: receivablesSummaryStructured(summary, args.clientId), text: receivablesSummaryText(summary) };
  },
});
