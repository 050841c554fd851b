import { z } from "zod";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { type AlertSeverity, AlertSeveritySchema } from "../../engine/receivables/invoiceAlerts.js";
import { type ReceivablesSummary, ReceivablesSummarySchema, receivablesSummaryToWire } from "../../engine/receivables/receivablesSummary.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { loadReceivablesSummary } from "./loadReceivablesSummary.js";

const SEVERITY_LABELS = { info: "info", warning: "attention", alert: "alerte", critical: "critique" } as const;

const InputSchema = z.object({
  asOf: IsoDateSchema.optional().describe("date d'observation AAAA-MM-JJ (aujourd'hui par défaut)"),
  clientId: z.number().int().positive().optional().describe("limiter à un client (identifiant donné par find_client)"),
  severities: z
    .array(AlertSeveritySchema)
    .optional()
    .describe("ne garder que ces niveaux : info (échéance sous 5 jours), warning (1 jour de retard), alert (7 jours : R1 due), critical (30 jours ou impayé > 10 000 €)"),
});

export const GetPaymentAlertsOutputSchema = z.object({
  asOf: IsoDateSchema,
  alerts: ReceivablesSummarySchema.shape.alerts,
  counts: z.object({ info: z.number().int(), warning: z.number().int(), alert: z.number().int(), critical: z.number().int() }),
});

/** The tool's structured answer from a computed summary, optionally of some severities (the web dashboard shows the same). */
export function paymentAlertsStructured(summary: ReceivablesSummary, severities?: readonly AlertSeverity[] | undefined): z.infer<typeof GetPaymentAlertsOutputSchema> {
  const wanted = severities && severities.length > 0 ? new Set(severities) : undefined;
  const alerts = receivablesSummaryToWire(summary).alerts.filter((a) => !wanted || wanted.has(a.severity));
  const counts = { info: 0, warning: 0, alert: 0, critical: 0 };
  for (const a of alerts) counts[a.severity] += 1;
  return { asOf: summary.asOf, alerts, counts };
}

/** get_payment_alerts: the per-invoice alerts of the engine as of a date, most severe first. */
export const getPaymentAlertsTool = defineTool({
  name: "get_payment_alerts",
  title: "Alertes de paiement",
  description:
    "Alertes de paiement à une date (aujourd'hui par défaut), les plus graves d'abord : échéance dans 5 jours (info), 1 jour de retard " +
    "(warning), 7 jours de retard (alert : relance R1 à envoyer), 30 jours de retard (critical : escalader), impayé de plus de 10 000 € " +
    "(critical : direction). À utiliser pour « y a-t-il des retards ? », « quelles factures arrivent à échéance ? ». Lecture seule.",
  inputSchema: InputSchema,
  outputSchema: GetPaymentAlertsOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const asOf = args.asOf ?? ctx.today();
    const { summary } = await loadReceivablesSummary(ctx.db, asOf, { clientId: args.clientId });
    const { alerts, counts } = paymentAlertsStructured(summary, args.severities);
    const head =
      alerts.length === 0
        ? `Aucune alerte de paiement au ${formatDateShortFr(asOf)}.`
        : `${alerts.length} alerte${alerts.length > 1 ? "s" : ""} de paiement au ${formatDateShortFr(asOf)} :`;
    return { structured: { asOf, alerts, counts }, text: [head, ...alerts.map((a) => `- [${SEVERITY_LABELS[a.severity]}] ${a.message}`)].join("\n") };
  },
});
