import { z } from "zod";
import type { IsoDate } from "../dates/plainDate.js";
import { DUNNING_LEVELS, DunningLevelSchema } from "../dunning/dunningLevel.js";
import { DEFAULT_DUNNING_POLICY, type DunningPolicy, DunningPolicySchema } from "../dunning/dunningPolicy.js";
import { type DunningStep, nextDunningStep, type SentReminder } from "../dunning/nextDunningStep.js";
import { InputError } from "../errors.js";
import { inputErrorFromZod } from "../scenario/inputErrorFromZod.js";
import { type Decimal, toAmountString, toFixedString } from "../money/money.js";
import { AmountStringSchema, DecimalStringSchema } from "../wire/decimalString.js";
import { IsoDateSchema } from "../wire/isoDate.js";
import { type AgingReport, type AgingRow, AGING_BUCKETS, AgingBucketSchema, agingBucketOf, agingReport } from "./agingReport.js";
import {
  DEFAULT_INVOICE_ALERT_THRESHOLDS,
  AlertSeveritySchema,
  type InvoiceAlert,
  InvoiceAlertCodeSchema,
  type InvoiceAlertThresholds,
  InvoiceAlertThresholdsSchema,
  receivableAlerts,
} from "./invoiceAlerts.js";
import { type InvoiceReceivable, RECEIVABLE_STATUS_LABELS, type ReceivablePosition, ReceivableStatusSchema, receivableOfPosition } from "./invoiceReceivable.js";
import { invoicedRevenue } from "./invoicedRevenue.js";
import {
  type PaymentAllocation,
  PaymentAllocationWireSchema,
  paymentAllocationFromWire,
  type ReceivableDocument,
  ReceivableDocumentWireSchema,
  receivableDocumentFromWire,
} from "./receivableDocument.js";
import { byIssueDateThenNumber, receivablesAsOf } from "./receivablesAsOf.js";
import { DEFAULT_KPI_THRESHOLDS, KPI_DISPLAY_PLACES, type KpiThresholds, KpiCodeSchema, KpiThresholdsSchema, KpiUnitSchema, type ReceivablesKpis, kpisOfReceivables } from "./receivablesKpis.js";
import { DEFAULT_PERIOD_DAYS, lastDays, type ReportingPeriod } from "./reportingPeriod.js";

/* ---- input (wire) ---- */

/** A reminder already sent on an invoice (the history; the highest level sent counts). */
export const SentReminderWireSchema = z.object({
  invoiceId: z.string().min(1, "ne peut pas être vide"),
  level: DunningLevelSchema,
  date: IsoDateSchema,
});
export type SentReminderWire = z.infer<typeof SentReminderWireSchema>;

export const ReceivablesSummaryInputSchema = z.object({
  asOf: IsoDateSchema,
  documents: z.array(ReceivableDocumentWireSchema),
  allocations: z.array(PaymentAllocationWireSchema).default([]),
  reminders: z.array(SentReminderWireSchema).default([]),
  /** Only this client's documents (KPIs then are the client's). */
  clientId: z.string().min(1).optional(),
  periodDays: z.number({ error: "doit être un nombre entier de jours" }).int("doit être un nombre entier de jours").min(1, "doit être au moins 1").max(366, "ne peut pas dépasser 366").default(DEFAULT_PERIOD_DAYS),
  kpiThresholds: KpiThresholdsSchema.prefault({}),
  alertThresholds: InvoiceAlertThresholdsSchema.prefault({}),
  dunningPolicy: DunningPolicySchema.prefault({}),
});
export type ReceivablesSummaryInput = z.input<typeof ReceivablesSummaryInputSchema>;

/* ---- domain ---- */

export interface InvoiceDunning {
  readonly invoiceId: string;
  readonly number: string;
  readonly lastSent: SentReminder | null;
  readonly step: DunningStep;
}

export interface ReceivablesSummary {
  readonly asOf: IsoDate;
  readonly period: ReportingPeriod;
  readonly invoices: readonly InvoiceReceivable[];
  readonly aging: AgingReport;
  readonly kpis: ReceivablesKpis;
  readonly alerts: readonly InvoiceAlert[];
  /** One entry per open invoice: the reminder due today (if any) and the next one. */
  readonly dunning: readonly InvoiceDunning[];
}

export interface ReceivablesSummaryOptions {
  readonly reminders?: readonly { readonly invoiceId: string; readonly level: SentReminder["level"]; readonly date: IsoDate }[];
  readonly clientId?: string | undefined;
  readonly periodDays?: number;
  readonly kpiThresholds?: KpiThresholds;
  readonly alertThresholds?: InvoiceAlertThresholds;
  readonly dunningPolicy?: DunningPolicy;
}

/** The last (highest) reminder level sent on each invoice. */
function lastRemindersByInvoice(reminders: NonNullable<ReceivablesSummaryOptions["reminders"]>, known: ReadonlySet<string>): Map<string, SentReminder> {
  const rank = (level: SentReminder["level"]) => DUNNING_LEVELS.indexOf(level);
  const last = new Map<string, SentReminder>();
  reminders.forEach((r, i) => {
    if (!known.has(r.invoiceId)) throw new InputError(`facture introuvable (${r.invoiceId})`, { field: `reminders[${i}].invoiceId` });
    const current = last.get(r.invoiceId);
    if (current === undefined || rank(r.level) > rank(current.level) || (r.level === current.level && r.date > current.date)) {
      last.set(r.invoiceId, { level: r.level, date: r.date });
    }
  });
  return last;
}

/**
 * Everything the payments follow-up shows, as of `asOf`: each invoice's status, the aging (overall
 * and per client), the four KPIs over the last `periodDays` days, the per-invoice alerts and the
 * dunning step of each open invoice. Pure; throws `InputError` on inconsistent input.
 */
export function summarizeReceivables(
  documents: readonly ReceivableDocument[],
  allocations: readonly PaymentAllocation[],
  asOf: IsoDate,
  options: ReceivablesSummaryOptions = {},
): ReceivablesSummary {
  const clientId = options.clientId;
  const docs = clientId === undefined ? documents : documents.filter((d) => d.clientId === clientId);
  const ids = new Set(docs.map((d) => d.id));
  const allocs = clientId === undefined ? allocations : allocations.filter((a) => ids.has(a.invoiceId));
  const reminders = clientId === undefined ? (options.reminders ?? []) : (options.reminders ?? []).filter((r) => ids.has(r.invoiceId));
  const lastSent = lastRemindersByInvoice(reminders, new Set(documents.map((d) => d.id)));
  const period = lastDays(asOf, options.periodDays ?? DEFAULT_PERIOD_DAYS);
  return summaryOfReceivables(receivablesAsOf(docs, allocs, asOf), invoicedRevenue(docs, period), lastSent, asOf, options);
}

export interface ReceivablePositionsSummaryOptions extends Omit<ReceivablesSummaryOptions, "clientId"> {
  /** Revenue TTC invoiced over the period (`invoicedRevenue` of the period's documents, credit notes deducted). */
  readonly revenue: Decimal;
}

/**
 * `summarizeReceivables` from pre-aggregated positions (payments and credit notes already summed per
 * invoice as of `asOf`) and the period's revenue, as a database can compute them. `positions` must
 * include every invoice still open at `asOf` and every invoice due within the period (the recovery
 * rate's scope); others may be left out — they change no figure, alert or dunning step, they are only
 * absent from `invoices`. Reminders must concern the given positions.
 */
export function summarizeReceivablePositions(
  positions: readonly ReceivablePosition[],
  asOf: IsoDate,
  options: ReceivablePositionsSummaryOptions,
): ReceivablesSummary {
  const invoices = positions
    .filter((p) => p.invoice.kind !== "credit_note" && p.invoice.issueDate <= asOf)
    .sort((a, b) => byIssueDateThenNumber(a.invoice, b.invoice))
    .map((p) => receivableOfPosition(p, asOf));
  const lastSent = lastRemindersByInvoice(options.reminders ?? [], new Set(positions.map((p) => p.invoice.id)));
  return summaryOfReceivables(invoices, options.revenue, lastSent, asOf, options);
}

/** The rules shared by both entries: aging, KPIs, alerts and dunning from the receivables as of `asOf`. */
function summaryOfReceivables(
  invoices: readonly InvoiceReceivable[],
  revenue: Decimal,
  lastSent: ReadonlyMap<string, SentReminder>,
  asOf: IsoDate,
  options: Omit<ReceivablesSummaryOptions, "clientId" | "reminders">,
): ReceivablesSummary {
  const period = lastDays(asOf, options.periodDays ?? DEFAULT_PERIOD_DAYS);
  const kpis = kpisOfReceivables(invoices, revenue, period, options.kpiThresholds ?? DEFAULT_KPI_THRESHOLDS);
  const policy = options.dunningPolicy ?? DEFAULT_DUNNING_POLICY;
  return {
    asOf,
    period: kpis.period,
    invoices,
    aging: agingReport(invoices),
    kpis,
    alerts: receivableAlerts(invoices, asOf, options.alertThresholds ?? DEFAULT_INVOICE_ALERT_THRESHOLDS),
    dunning: invoices
      .filter((r) => !r.outstanding.isZero())
      .map((r) => {
        const sent = lastSent.get(r.invoiceId) ?? null;
        return { invoiceId: r.invoiceId, number: r.number, lastSent: sent, step: nextDunningStep(r, sent, asOf, policy) };
      }),
  };
}

/* ---- output (wire) ---- */

const CellSchema = z.object({ amount: AmountStringSchema, count: z.number().int() });
const AgingRowSchema = z.object({
  buckets: z.object(Object.fromEntries(AGING_BUCKETS.map((b) => [b, CellSchema])) as Record<(typeof AGING_BUCKETS)[number], typeof CellSchema>),
  total: CellSchema,
  disputed: CellSchema,
});

export const ReceivablesSummarySchema = z.object({
  asOf: IsoDateSchema,
  period: z.object({ from: IsoDateSchema, to: IsoDateSchema, days: z.number().int() }),
  invoices: z.array(
    z.object({
      invoiceId: z.string(),
      number: z.string(),
      kind: z.enum(["invoice", "deposit"]),
      clientId: z.string(),
      clientName: z.string().optional(),
      issueDate: IsoDateSchema,
      dueDate: IsoDateSchema,
      amountDue: AmountStringSchema,
      credited: AmountStringSchema,
      paid: AmountStringSchema,
      outstanding: AmountStringSchema,
      overpaid: AmountStringSchema,
      status: ReceivableStatusSchema,
      /** French. */
      statusLabel: z.string(),
      daysOverdue: z.number().int(),
      agingBucket: AgingBucketSchema,
      disputed: z.boolean(),
    }),
  ),
  aging: z.object({
    overall: AgingRowSchema,
    byClient: z.array(AgingRowSchema.extend({ clientId: z.string(), clientName: z.string().optional() })),
  }),
  kpis: z.array(
    z.object({
      code: KpiCodeSchema,
      label: z.string(),
      unit: KpiUnitSchema,
      /** Rounded at the unit's display point (days and % one decimal, € to the cent); null when not computable. */
      value: DecimalStringSchema.nullable(),
      target: DecimalStringSchema,
      alertThreshold: DecimalStringSchema,
      onTarget: z.boolean(),
      alert: z.boolean(),
      message: z.string(),
    }),
  ),
  /** Details behind the DSO and the recovery rate. */
  dso: z.object({ outstanding: AmountStringSchema, revenue: AmountStringSchema }),
  recovery: z.object({ collected: AmountStringSchema, due: AmountStringSchema, invoiceCount: z.number().int() }),
  alerts: z.array(
    z.object({
      code: InvoiceAlertCodeSchema,
      severity: AlertSeveritySchema,
      invoiceId: z.string(),
      number: z.string(),
      clientId: z.string(),
      clientName: z.string().optional(),
      dueDate: IsoDateSchema,
      outstanding: AmountStringSchema,
      daysOverdue: z.number().int(),
      daysUntilDue: z.number().int(),
      disputed: z.boolean(),
      message: z.string(),
    }),
  ),
  dunning: z.array(
    z.object({
      invoiceId: z.string(),
      number: z.string(),
      lastSent: z.object({ level: DunningLevelSchema, date: IsoDateSchema }).nullable(),
      dueNow: DunningLevelSchema.nullable(),
      next: z.object({ level: DunningLevelSchema, date: IsoDateSchema }).nullable(),
      daysOverdue: z.number().int(),
      reason: z.string(),
    }),
  ),
});
export type ReceivablesSummaryWire = z.infer<typeof ReceivablesSummarySchema>;

const cellToWire = (c: { amount: InvoiceReceivable["outstanding"]; count: number }) => ({ amount: toAmountString(c.amount), count: c.count });
const rowToWire = (row: AgingRow) => ({
  buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, cellToWire(row.buckets[b])])) as Record<(typeof AGING_BUCKETS)[number], { amount: string; count: number }>,
  total: cellToWire(row.total),
  disputed: cellToWire(row.disputed),
});
const optional = <T>(value: T | undefined) => (value === undefined ? {} : { clientName: value });

export function receivablesSummaryToWire(s: ReceivablesSummary): ReceivablesSummaryWire {
  return {
    asOf: s.asOf,
    period: { ...s.period, days: s.kpis.dso.periodDays },
    invoices: s.invoices.map((r) => ({
      invoiceId: r.invoiceId,
      number: r.number,
      kind: r.kind,
      clientId: r.clientId,
      ...optional(r.clientName),
      issueDate: r.issueDate,
      dueDate: r.dueDate,
      amountDue: toAmountString(r.amountDue),
      credited: toAmountString(r.credited),
      paid: toAmountString(r.paid),
      outstanding: toAmountString(r.outstanding),
      overpaid: toAmountString(r.overpaid),
      status: r.status,
      statusLabel: RECEIVABLE_STATUS_LABELS[r.status],
      daysOverdue: r.daysOverdue,
      agingBucket: agingBucketOf(r.daysOverdue),
      disputed: r.disputed,
    })),
    aging: {
      overall: rowToWire(s.aging.overall),
      byClient: s.aging.byClient.map((c) => ({ clientId: c.clientId, ...optional(c.clientName), ...rowToWire(c) })),
    },
    kpis: s.kpis.kpis.map((k) => {
      const places = KPI_DISPLAY_PLACES[k.unit];
      return {
        code: k.code,
        label: k.label,
        unit: k.unit,
        value: k.value === null ? null : toFixedString(k.value, places),
        target: toFixedString(k.target, places),
        alertThreshold: toFixedString(k.alertThreshold, places),
        onTarget: k.onTarget,
        alert: k.alert,
        message: k.message,
      };
    }),
    dso: { outstanding: toAmountString(s.kpis.dso.outstanding), revenue: toAmountString(s.kpis.dso.revenue) },
    recovery: { collected: toAmountString(s.kpis.recovery.collected), due: toAmountString(s.kpis.recovery.due), invoiceCount: s.kpis.recovery.invoiceCount },
    alerts: s.alerts.map((a) => ({ ...a, ...optional(a.clientName), outstanding: toAmountString(a.outstanding) })),
    dunning: s.dunning.map((d) => ({
      invoiceId: d.invoiceId,
      number: d.number,
      lastSent: d.lastSent,
      dueNow: d.step.dueNow,
      next: d.step.next,
      daysOverdue: d.step.daysOverdue,
      reason: d.step.reason,
    })),
  };
}

/**
 * The tool-facing entry: validates the wire input with zod (throws `InputError` naming the field on a
 * bad one), computes, and returns the wire summary (amounts as decimal strings).
 */
export function summarizeReceivablesWire(input: unknown): ReceivablesSummaryWire {
  const parsed = ReceivablesSummaryInputSchema.safeParse(input);
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  const v = parsed.data;
  return receivablesSummaryToWire(
    summarizeReceivables(v.documents.map(receivableDocumentFromWire), v.allocations.map(paymentAllocationFromWire), v.asOf, {
      reminders: v.reminders,
      clientId: v.clientId,
      periodDays: v.periodDays,
      kpiThresholds: v.kpiThresholds,
      alertThresholds: v.alertThresholds,
      dunningPolicy: v.dunningPolicy,
    }),
  );
}
