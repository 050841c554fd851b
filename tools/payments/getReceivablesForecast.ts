import { z } from "zod";
import { loadPaymentDelayFacts } from "../../db/repositories/paymentDelayFacts.js";
import { loadReceivablePositions } from "../../db/repositories/receivablePositions.js";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { DEFAULT_FORECAST_WEEKS, expectedReceipts, type ReceiptCell } from "../../engine/receivables/expectedReceipts.js";
import { type InvoiceReceivable, receivableOfPosition } from "../../engine/receivables/invoiceReceivable.js";
import { type PaymentDelayFacts, paymentDelayOf, PAYMENT_DELAY_LOOKBACK_DAYS } from "../../engine/receivables/paymentDelay.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";

/** How the forecast is made, in French, shown with it (tool text, web page). */
export const FORECAST_METHOD =
  "Chaque facture ouverte est attendue à son échéance décalée du délai de paiement observé de son client : la moyenne, pondérée par les montants, " +
  `des jours entre l'échéance et le paiement sur les ${PAYMENT_DELAY_LOOKBACK_DAYS} derniers jours (0 jour pour un client sans historique), ` +
  "pour tout son reste dû. Les semaines vont du lundi au dimanche (la première commence à la date d'observation) ; les factures en litige ne sont pas attendues.";

const CellSchema = z.object({ amount: AmountStringSchema, count: z.number().int() });

export const GetReceivablesForecastOutputSchema = z.object({
  asOf: IsoDateSchema,
  method: z.string(),
  weeks: z.array(CellSchema.extend({ index: z.number().int(), from: IsoDateSchema, to: IsoDateSchema })),
  past: CellSchema.describe("attendues avant la date d'observation et non reçues (en retard même sur l'habitude du client)"),
  later: CellSchema.describe("attendues après la dernière semaine"),
  disputed: CellSchema.describe("factures en litige, non attendues"),
  total: CellSchema.describe("tout le reste dû des factures ouvertes"),
  clients: z.array(z.object({ clientId: z.number().int(), clientName: z.string(), delayDays: z.number().int(), basedOn: z.number().int() })),
  invoices: z.array(
    z.object({
      invoiceId: z.number().int(),
      number: z.string(),
      clientId: z.number().int(),
      clientName: z.string(),
      dueDate: IsoDateSchema,
      outstanding: AmountStringSchema,
      delayDays: z.number().int(),
      expectedOn: IsoDateSchema,
      bucket: z.enum(["past", "week", "later", "disputed"]),
      week: z.number().int().nullable(),
    }),
  ),
});
export type ReceivablesForecastWire = z.infer<typeof GetReceivablesForecastOutputSchema>;

const cell = (c: ReceiptCell) => ({ amount: toAmountString(c.amount), count: c.count });

/** The forecast of the open receivables as of `asOf` with the clients' payment facts (what the tool and the dashboard both show). */
export function receivablesForecastWire(receivables: readonly InvoiceReceivable[], facts: readonly PaymentDelayFacts[], asOf: IsoDate, weeks: number = DEFAULT_FORECAST_WEEKS): ReceivablesForecastWire {
  const delays = new Map(facts.map((f) => [f.clientId, paymentDelayOf(f)]));
  const forecast = expectedReceipts(receivables, delays, asOf, weeks);
  const open = receivables.filter((r) => !r.outstanding.isZero());
  const names = new Map(open.map((r) => [r.clientId, r.clientName ?? r.clientId]));
  const clients = [...names.entries()]
    .map(([clientId, clientName]) => {
      const delay = delays.get(clientId);
      return { clientId: Number.parseInt(clientId, 10), clientName, delayDays: delay?.days ?? 0, basedOn: delay?.basedOn ?? 0 };
    })
    .sort((a, b) => a.clientName.localeCompare(b.clientName, "fr") || a.clientId - b.clientId);
  return {
    asOf,
    method: FORECAST_METHOD,
    weeks: forecast.weeks.map((w) => ({ index: w.index, from: w.from, to: w.to, ...cell(w) })),
    past: cell(forecast.past),
    later: cell(forecast.later),
    disputed: cell(forecast.disputed),
    total: { amount: toAmountString(sum(open.map((r) => r.outstanding))), count: open.length },
    clients,
    invoices: forecast.invoices.map((i) => ({
      invoiceId: Number.parseInt(i.invoiceId, 10),
      number: i.number,
      clientId: Number.parseInt(i.clientId, 10),
      clientName: i.clientName ?? i.clientId,
      dueDate: i.dueDate,
      outstanding: toAmountString(i.outstanding),
      delayDays: i.delayDays,
      expectedOn: i.expectedOn,
      bucket: i.bucket,
      week: i.week,
    })),
  };
}

export function receivablesForecastText(f: ReceivablesForecastWire): string {
  const inWeeks = sum(f.weeks.map((w) => toDecimal(w.amount)));
  return [
    `Encaissements attendus au ${formatDateShortFr(f.asOf)} sur ${f.weeks.length} semaines : ${formatEuros(inWeeks)}.`,
    ...f.weeks.map((w) => `- semaine du ${formatDateShortFr(w.from)} au ${formatDateShortFr(w.to)} : ${formatEuros(toDecimal(w.amount))} (${w.count} facture${w.count > 1 ? "s" : ""})`),
    `Déjà attendus et non reçus : ${formatEuros(toDecimal(f.past.amount))} ; plus tard : ${formatEuros(toDecimal(f.later.amount))} ; en litige : ${formatEuros(toDecimal(f.disputed.amount))}.`,
    `Méthode : ${f.method}`,
  ].join("\n");
}

export const getReceivablesForecastTool = defineTool({
  name: "get_receivables_forecast",
  title: "Encaissements attendus",
  description:
    "Prévision des encaissements par semaine (8 semaines par défaut) à une date (aujourd'hui par défaut) : chaque facture ouverte est attendue à son " +
    "échéance décalée du délai de paiement observé de son client (moyenne pondérée des retards de l'année écoulée). Donne aussi ce qui est déjà attendu " +
    "et non reçu, ce qui est attendu plus tard, les factures en litige et le délai retenu pour chaque client. À utiliser pour « combien va-t-on encaisser " +
    "dans les prochaines semaines ? », une prévision de trésorerie. Lecture seule.",
  inputSchema: z.object({
    asOf: IsoDateSchema.optional().describe("date d'observation AAAA-MM-JJ (aujourd'hui par défaut)"),
    clientId: z.number().int().positive().optional().describe("limiter à un client (identifiant donné par find_client)"),
    weeks: z.number({ error: "doit être un nombre entier de semaines" }).int("doit être un nombre entier de semaines").min(1, "doit être au moins 1").max(26, "ne peut pas dépasser 26").optional().describe(`nombre de semaines (${DEFAULT_FORECAST_WEEKS} par défaut)`),
  }),
  outputSchema: GetReceivablesForecastOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const asOf = args.asOf ?? ctx.today();
    const [{ positions }, facts] = await Promise.all([loadReceivablePositions(ctx.db, asOf, { clientId: args.clientId }), loadPaymentDelayFacts(ctx.db, asOf, { clientId: args.clientId })]);
    const receivables = positions.filter((p) => p.invoice.issueDate <= asOf).map((p) => receivableOfPosition(p, asOf));
    const structured = receivablesForecastWire(receivables, facts, asOf, args.weeks ?? DEFAULT_FORECAST_WEEKS);
    return { structured, text: receivablesForecastText(structured) };
  },
});
