import { z } from "zod";
import type { IsoDate } from "../dates/plainDate.js";
import { formatEuros } from "../money/formatEuros.js";
import { Decimal, HUNDRED, ZERO, sum, toDecimal, toFixedString } from "../money/money.js";
import { NonNegativeDecimalStringSchema } from "../wire/decimalString.js";
import { DSO_DISPLAY_PLACES, type DsoResult, dsoOf } from "./daysSalesOutstanding.js";
import type { InvoiceReceivable } from "./invoiceReceivable.js";
import { invoicedRevenue } from "./invoicedRevenue.js";
import type { PaymentAllocation, ReceivableDocument } from "./receivableDocument.js";
import { receivablesAsOf } from "./receivablesAsOf.js";
import { RATE_DISPLAY_PLACES, type RecoveryRateResult, recoveryRateOf } from "./recoveryRate.js";
import { DEFAULT_PERIOD_DAYS, lastDays, type ReportingPeriod } from "./reportingPeriod.js";

const Days = z.number({ error: "doit être un nombre entier de jours" }).int("doit être un nombre entier de jours").min(0, "ne peut pas être négatif");
const Count = z.number({ error: "doit être un nombre entier" }).int("doit être un nombre entier").min(0, "ne peut pas être négatif");

/** Targets and alert thresholds of the payments follow-up (DESIGN.md), configurable. */
export const KpiThresholdsSchema = z.object({
  /** DSO target: ≤ 30 days. */
  dsoTargetDays: Days.default(30),
  /** DSO alert: strictly above 45 days. */
  dsoAlertDays: Days.default(45),
  /** Recovery target: 100 %. */
  recoveryTargetPercent: NonNegativeDecimalStringSchema.default("100"),
  /** Recovery alert: strictly below 95 %. */
  recoveryAlertPercent: NonNegativeDecimalStringSchema.default("95"),
  /** Overdue invoices target: 0. */
  overdueCountTarget: Count.default(0),
  /** Overdue invoices alert: 3 or more. */
  overdueCountAlert: Count.default(3),
  /** Unpaid (overdue) amount alert: strictly above this percent of the revenue TTC of the period. */
  unpaidAlertPercentOfRevenue: NonNegativeDecimalStringSchema.default("10"),
});
export type KpiThresholds = z.infer<typeof KpiThresholdsSchema>;
export const DEFAULT_KPI_THRESHOLDS: KpiThresholds = KpiThresholdsSchema.parse({});

export const KpiCodeSchema = z.enum(["dso", "recovery_rate", "overdue_count", "unpaid_amount"]);
export type KpiCode = z.infer<typeof KpiCodeSchema>;
export const KpiUnitSchema = z.enum(["days", "percent", "count", "eur"]);
export type KpiUnit = z.infer<typeof KpiUnitSchema>;

/** Named display points: days and percents with one decimal, counts whole, euros to the cent. */
export const KPI_DISPLAY_PLACES: Readonly<Record<KpiUnit, number>> = {
  days: DSO_DISPLAY_PLACES,
  percent: RATE_DISPLAY_PLACES,
  count: 0,
  eur: 2,
};

export interface Kpi {
  readonly code: KpiCode;
  /** French name. */
  readonly label: string;
  readonly unit: KpiUnit;
  /** Unrounded; `null` when it cannot be computed (no revenue, nothing fell due). */
  readonly value: Decimal | null;
  readonly target: Decimal;
  /** The value beyond which `alert` is raised (see each KPI for the direction). */
  readonly alertThreshold: Decimal;
  readonly onTarget: boolean;
  readonly alert: boolean;
  /** One French sentence for people. */
  readonly message: string;
}

export interface ReceivablesKpis {
  readonly period: ReportingPeriod;
  /** In the order dso, recovery_rate, overdue_count, unpaid_amount. */
  readonly kpis: readonly Kpi[];
  readonly dso: DsoResult;
  readonly recovery: RecoveryRateResult;
  /** Number and outstanding amount of the overdue invoices at the end of the period (disputed included). */
  readonly overdueCount: number;
  readonly overdueAmount: Decimal;
}

export interface ReceivablesKpisOptions {
  /** Defaults to the `periodDays` (90) days ending on `asOf`. */
  readonly period?: ReportingPeriod | undefined;
  readonly periodDays?: number | undefined;
  readonly thresholds?: KpiThresholds | undefined;
}

/** A number in French with a fixed number of decimals: "32,5". */
export function formatKpiNumber(value: Decimal, unit: KpiUnit): string {
  return toFixedString(value, KPI_DISPLAY_PLACES[unit]).replace(".", ",");
}

/**
 * The four KPIs of the payments follow-up as of `asOf` (the end of the period):
 * - `dso`: see `daysSalesOutstanding`; on target when ≤ dsoTargetDays, alert when > dsoAlertDays;
 * - `recovery_rate`: see `recoveryRate`; on target when ≥ target, alert when < recoveryAlertPercent;
 * - `overdue_count`: open invoices past their due date; on target when ≤ target, alert when ≥ overdueCountAlert;
 * - `unpaid_amount`: the outstanding amount of the overdue invoices (impayés; amounts not yet due are
 *   not unpaid); on target at 0, alert when > unpaidAlertPercentOfRevenue % of the revenue TTC of the period.
 * Disputed invoices count everywhere.
 */
export function receivablesKpis(
  documents: readonly ReceivableDocument[],
  allocations: readonly PaymentAllocation[],
  asOf: IsoDate,
  options: ReceivablesKpisOptions = {},
): ReceivablesKpis {
  const period = options.period ?? lastDays(asOf, options.periodDays ?? DEFAULT_PERIOD_DAYS);
  return kpisOfReceivables(receivablesAsOf(documents, allocations, period.to), invoicedRevenue(documents, period), period, options.thresholds);
}

/**
 * The four KPIs of `receivablesKpis` from the receivables as of the end of the period and the revenue
 * TTC invoiced over it (`invoicedRevenue`). `receivables` must hold every invoice still open at the end
 * of the period and every invoice whose due date falls in it; settled invoices outside the period
 * change nothing.
 */
export function kpisOfReceivables(
  receivables: readonly InvoiceReceivable[],
  revenue: Decimal,
  period: ReportingPeriod,
  thresholds: KpiThresholds = DEFAULT_KPI_THRESHOLDS,
): ReceivablesKpis {
  const dso = dsoOf(sum(receivables.map((r) => r.outstanding)), revenue, period);
  const recovery = recoveryRateOf(receivables, period);
  const overdue = receivables.filter((r) => r.status === "overdue");
  const overdueAmount = sum(overdue.map((r) => r.outstanding));

  const dsoTarget = new Decimal(thresholds.dsoTargetDays);
  const dsoAlert = new Decimal(thresholds.dsoAlertDays);
  const dsoKpi: Kpi = {
    code: "dso",
    label: "Délai moyen de paiement (DSO)",
    unit: "days",
    value: dso.days,
    target: dsoTarget,
    alertThreshold: dsoAlert,
    onTarget: dso.days === null ? dso.outstanding.isZero() : dso.days.lessThanOrEqualTo(dsoTarget),
    alert: dso.days !== null && dso.days.greaterThan(dsoAlert),
    message:
      dso.days === null
        ? `DSO non calculable : aucun chiffre d'affaires facturé sur les ${dso.periodDays} derniers jours.`
        : `DSO : ${formatKpiNumber(dso.days, "days")} jours (objectif ≤ ${thresholds.dsoTargetDays}, alerte au-delà de ${thresholds.dsoAlertDays}).`,
  };

  const recoveryTarget = toDecimal(thresholds.recoveryTargetPercent);
  const recoveryAlert = toDecimal(thresholds.recoveryAlertPercent);
  const recoveryKpi: Kpi = {
    code: "recovery_rate",
    label: "Taux de recouvrement",
    unit: "percent",
    value: recovery.percent,
    target: recoveryTarget,
    alertThreshold: recoveryAlert,
    onTarget: recovery.percent === null || recovery.percent.greaterThanOrEqualTo(recoveryTarget),
    alert: recovery.percent !== null && recovery.percent.lessThan(recoveryAlert),
    message:
      recovery.percent === null
        ? "Taux de recouvrement non calculable : aucune facture arrivée à échéance sur la période."
        : `Taux de recouvrement : ${formatKpiNumber(recovery.percent, "percent")} % (objectif ${formatKpiNumber(recoveryTarget, "percent")} %, alerte sous ${formatKpiNumber(recoveryAlert, "percent")} %).`,
  };

  const overdueKpi: Kpi = {
    code: "overdue_count",
    label: "Factures en retard",
    unit: "count",
    value: new Decimal(overdue.length),
    target: new Decimal(thresholds.overdueCountTarget),
    alertThreshold: new Decimal(thresholds.overdueCountAlert),
    onTarget: overdue.length <= thresholds.overdueCountTarget,
    alert: overdue.length >= thresholds.overdueCountAlert,
    message: `${overdue.length} facture${overdue.length > 1 ? "s" : ""} en retard (objectif ${thresholds.overdueCountTarget}, alerte à partir de ${thresholds.overdueCountAlert}).`,
  };

  const unpaidAlert = dso.revenue.isNegative() ? ZERO : dso.revenue.times(toDecimal(thresholds.unpaidAlertPercentOfRevenue)).dividedBy(HUNDRED);
  const unpaidKpi: Kpi = {
    code: "unpaid_amount",
    label: "Montant impayé (échu)",
    unit: "eur",
    value: overdueAmount,
    target: ZERO,
    alertThreshold: unpaidAlert,
    onTarget: overdueAmount.isZero(),
    alert: overdueAmount.greaterThan(unpaidAlert),
    message: `Montant impayé échu : ${formatEuros(overdueAmount)} (objectif 0, alerte au-delà de ${formatEuros(unpaidAlert)}, soit ${thresholds.unpaidAlertPercentOfRevenue.replace(".", ",")} % du chiffre d'affaires de la période).`,
  };

  return { period, kpis: [dsoKpi, recoveryKpi, overdueKpi, unpaidKpi], dso, recovery, overdueCount: overdue.length, overdueAmount };
}
