import { z } from "zod";
import { loadReceivablesTimelines, type ReceivablesTimelines } from "../../db/repositories/receivablesTimelines.js";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toAmountString, toDecimal as decimal, toFixedString } from "../../engine/money/money.js";
import { DSO_DISPLAY_PLACES } from "../../engine/receivables/daysSalesOutstanding.js";
import { DEFAULT_TREND_MONTHS, receivablesTrend, trendPoints } from "../../engine/receivables/receivablesTrend.js";
import { DEFAULT_PERIOD_DAYS } from "../../engine/receivables/reportingPeriod.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { DSO_FORMULA } from "./getReceivablesSummary.js";

const MONTH = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "numeric", timeZone: "UTC" });

export const GetReceivablesTrendOutputSchema = z.object({
  asOf: IsoDateSchema,
  periodDays: z.number().int().describe("longueur de la période du DSO à chaque point"),
  formula: z.string(),
  points: z.array(
    z.object({
      date: IsoDateSchema.describe("fin de mois, ou la date d'observation pour le mois en cours"),
      monthStart: IsoDateSchema,
      label: z.string().describe("mois en français, par exemple « nov. 2026 »"),
      outstanding: AmountStringSchema.describe("encours TTC à cette date"),
      revenue: AmountStringSchema.describe("chiffre d'affaires TTC des periodDays jours finissant à cette date"),
      dsoDays: DecimalStringSchema.nullable().describe("DSO à cette date (une décimale), null sans chiffre d'affaires"),
      collected: AmountStringSchema.describe("encaissements du mois jusqu'à cette date"),
    }),
  ),
});
export type ReceivablesTrendWire = z.infer<typeof GetReceivablesTrendOutputSchema>;

/** The trend of the loaded timelines at `points` (what the tool and the dashboard both show). */
export function receivablesTrendWire(loaded: ReceivablesTimelines, points: readonly IsoDate[], periodDays: number): ReceivablesTrendWire {
  const trend = receivablesTrend(loaded.timelines, loaded.revenueByDay, loaded.collectionsByDay, points, periodDays);
  return {
    asOf: points[points.length - 1] ?? "",
    periodDays,
    formula: DSO_FORMULA,
    points: trend.map((p) => ({
      date: p.date,
      monthStart: p.monthStart,
      label: MONTH.format(new Date(`${p.monthStart}T00:00:00Z`)),
      outstanding: toAmountString(p.dso.outstanding),
      revenue: toAmountString(p.dso.revenue),
      dsoDays: p.dso.days === null ? null : toFixedString(p.dso.days, DSO_DISPLAY_PLACES),
      collected: toAmountString(p.collected),
    })),
  };
}

/** Loads and computes the trend of the `months` months ending on `asOf`. */
export async function loadReceivablesTrend(db: ToolDatabase, asOf: IsoDate, options: { readonly months?: number | undefined; readonly clientId?: number | undefined } = {}): Promise<ReceivablesTrendWire> {
  const points = trendPoints(asOf, options.months ?? DEFAULT_TREND_MONTHS);
  return receivablesTrendWire(await loadReceivablesTimelines(db, points, DEFAULT_PERIOD_DAYS, { clientId: options.clientId }), points, DEFAULT_PERIOD_DAYS);
}

export const getReceivablesTrendTool = defineTool({
  name: "get_receivables_trend",
  title: "Évolution du DSO et des encaissements",
  description:
    "Évolution mois par mois (12 mois par défaut, jusqu'à une date, aujourd'hui par défaut) du DSO — calculé à chaque fin de mois exactement comme " +
    "get_receivables_summary le calcule à cette date (encours ÷ chiffre d'affaires TTC des 90 jours précédents × 90) — de l'encours et des encaissements " +
    "du mois. À utiliser pour « le DSO s'améliore-t-il ? », « combien a-t-on encaissé chaque mois ? ». Lecture seule.",
  inputSchema: z.object({
    asOf: IsoDateSchema.optional().describe("date d'observation AAAA-MM-JJ (aujourd'hui par défaut), dernier point de la série"),
    clientId: z.number().int().positive().optional().describe("limiter à un client (identifiant donné par find_client)"),
    months: z.number({ error: "doit être un nombre entier de mois" }).int("doit être un nombre entier de mois").min(1, "doit être au moins 1").max(24, "ne peut pas dépasser 24").optional().describe(`nombre de mois (${DEFAULT_TREND_MONTHS} par défaut)`),
  }),
  outputSchema: GetReceivablesTrendOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const asOf = args.asOf ?? ctx.today();
    const structured = await loadReceivablesTrend(ctx.db, asOf, { months: args.months, clientId: args.clientId });
    const text = [
      `DSO et encaissements sur ${structured.points.length} mois, jusqu'au ${formatDateShortFr(asOf)} :`,
      ...structured.points.map(
        (p) => `- ${p.label} (au ${formatDateShortFr(p.date)}) : DSO ${p.dsoDays === null ? "non calculable" : `${p.dsoDays.replace(".", ",")} j`}, encours ${formatEuros(decimal(p.outstanding))}, encaissé ${formatEuros(decimal(p.collected))}`,
      ),
      structured.formula,
    ].join("\n");
    return { structured, text };
  },
});
