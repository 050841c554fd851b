import { z } from "zod";
import { loadSentReminderFacts } from "../../db/repositories/sentReminderFacts.js";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { reminderOrigins, type SentReminderFact } from "../../engine/dunning/reminderOrigin.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { HUNDRED, toAmountString, toDecimal, toFixedString } from "../../engine/money/money.js";
import type { AgingRow } from "../../engine/receivables/agingReport.js";
import { overdueBeyond } from "../../engine/receivables/overdueBeyond.js";
import { DEFAULT_PERIOD_DAYS, lastDays, periodLength, type ReportingPeriod } from "../../engine/receivables/reportingPeriod.js";
import { invoicingDelay, type TriggeredInvoice } from "../../engine/schedule/invoicingDelay.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { loadTriggeredInvoices } from "../preparation/invoiceTriggers.js";
import { defineTool } from "../toolDefinition.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { loadReceivablesSummary } from "./loadReceivablesSummary.js";

export const TRIGGER_TO_ISSUE_DEFINITION =
  "Moyenne, sur les factures émises pendant la période qui facturent une échéance, des jours entre le déclenchement de l'échéance (jalon atteint, fin de mois, signature…) et l'émission.";
export const REMINDER_ORIGIN_DEFINITION =
  "Automatique : relance envoyée au niveau et au jour prévus par la politique de relance (R1 J+7, R2 J+15, R3 J+30, escalade J+60) ; manuelle : niveau choisi par une personne (forcé, répété ou avancé).";

export const GetBillingKpisOutputSchema = z.object({
  asOf: IsoDateSchema,
  period: z.object({ from: IsoDateSchema, to: IsoDateSchema, days: z.number().int() }),
  triggerToIssue: z.object({
    averageDays: DecimalStringSchema.nullable().describe("délai moyen déclenchement → émission en jours (une décimale), null sans facture"),
    invoiceCount: z.number().int(),
    maxDays: z.number().int(),
    definition: z.string(),
  }),
  reminders: z.object({
    automatic: z.number().int(),
    manual: z.number().int(),
    automaticPercent: DecimalStringSchema.nullable().describe("part des relances automatiques (une décimale), null sans relance"),
    manualPercent: DecimalStringSchema.nullable(),
    definition: z.string(),
  }),
  overdueBeyond: z.array(z.object({ days: z.number().int(), label: z.string(), amount: AmountStringSchema, count: z.number().int() })).describe("encours échus de plus de 30, 60 et 90 jours (cumulés)"),
});
export type BillingKpisWire = z.infer<typeof GetBillingKpisOutputSchema>;

/** The three follow-up indicators from what is loaded (what the tool and the dashboard both show). */
export function billingKpisWire(input: {
  readonly asOf: IsoDate;
  readonly period: ReportingPeriod;
  readonly aging: AgingRow;
  readonly triggered: readonly TriggeredInvoice[];
  readonly reminders: readonly SentReminderFact[];
}): BillingKpisWire {
  const delay = invoicingDelay(input.triggered);
  const origins = reminderOrigins(input.reminders, input.period.from, input.period.to);
  return {
    asOf: input.asOf,
    period: { from: input.period.from, to: input.period.to, days: periodLength(input.period) },
    triggerToIssue: {
      averageDays: delay.averageDays === null ? null : toFixedString(delay.averageDays, 1),
      invoiceCount: delay.invoiceCount,
      maxDays: delay.maxDays,
      definition: TRIGGER_TO_ISSUE_DEFINITION,
    },
    reminders: {
      automatic: origins.automatic,
      manual: origins.manual,
      automaticPercent: origins.automaticPercent === null ? null : toFixedString(origins.automaticPercent, 1),
      manualPercent: origins.automaticPercent === null ? null : toFixedString(HUNDRED.minus(origins.automaticPercent), 1),
      definition: REMINDER_ORIGIN_DEFINITION,
    },
    overdueBeyond: overdueBeyond(input.aging).map((b) => ({ days: b.days, label: `échu depuis plus de ${b.days} jours`, amount: toAmountString(b.amount), count: b.count })),
  };
}

/** Loads what the indicators need besides the aging (the triggered invoices, the reminders sent). */
export async function loadBillingKpiFacts(db: ToolDatabase, period: ReportingPeriod): Promise<{ triggered: TriggeredInvoice[]; reminders: SentReminderFact[] }> {
  const [triggered, reminders] = await Promise.all([loadTriggeredInvoices(db, period), loadSentReminderFacts(db, period)]);
  return { triggered, reminders };
}

export function billingKpisText(k: BillingKpisWire): string {
  return [
    `Indicateurs de pilotage du ${formatDateShortFr(k.period.from)} au ${formatDateShortFr(k.period.to)} :`,
    `- délai moyen déclenchement → émission : ${k.triggerToIssue.averageDays === null ? "aucune facture d'échéance émise" : `${k.triggerToIssue.averageDays.replace(".", ",")} jours sur ${k.triggerToIssue.invoiceCount} facture(s)`}`,
    `- relances : ${k.reminders.automatic} automatique(s), ${k.reminders.manual} manuelle(s)${k.reminders.automaticPercent === null ? "" : ` (${k.reminders.automaticPercent.replace(".", ",")} % automatiques)`}`,
    ...k.overdueBeyond.map((b) => `- ${b.label} : ${formatEuros(toDecimal(b.amount))} (${b.count} facture${b.count > 1 ? "s" : ""})`),
  ].join("\n");
}

export const getBillingKpisTool = defineTool({
  name: "get_billing_kpis",
  title: "Indicateurs de pilotage de la facturation",
  description:
    "Indicateurs de pilotage à une date (aujourd'hui par défaut) sur une période (90 jours par défaut) : délai moyen entre le déclenchement d'une échéance " +
    "et l'émission de sa facture, part des relances automatiques (niveau et jour de la politique) et manuelles (niveau forcé), encours échus de plus de " +
    "30, 60 et 90 jours. À utiliser pour « facture-t-on vite après les jalons ? », « combien de relances manuelles ? ». Lecture seule.",
  inputSchema: z.object({
    asOf: IsoDateSchema.optional().describe("date d'observation AAAA-MM-JJ (aujourd'hui par défaut), fin de la période"),
    periodDays: z.number({ error: "doit être un nombre entier de jours" }).int("doit être un nombre entier de jours").min(1, "doit être au moins 1").max(366, "ne peut pas dépasser 366").optional().describe(`longueur de la période en jours (${DEFAULT_PERIOD_DAYS} par défaut)`),
  }),
  outputSchema: GetBillingKpisOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  async handler(args, ctx) {
    const asOf = args.asOf ?? ctx.today();
    const period = lastDays(asOf, args.periodDays ?? DEFAULT_PERIOD_DAYS);
    const [{ summary }, facts] = await Promise.all([loadReceivablesSummary(ctx.db, asOf, { periodDays: args.periodDays }), loadBillingKpiFacts(ctx.db, period)]);
    const structured = billingKpisWire({ asOf, period, aging: summary.aging.overall, ...facts });
    return { structured, text: billingKpisText(structured) };
  },
});
