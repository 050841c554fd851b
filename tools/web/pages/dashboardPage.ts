import { formatEuros } from "../../../engine/money/formatEuros.js";
import { toDecimal } from "../../../engine/money/money.js";
import { AGING_BUCKETS, AGING_BUCKET_LABELS } from "../../../engine/receivables/agingReport.js";
import { ListReadyToInvoiceOutputSchema } from "../../preparation/listReadyToInvoice.js";
import { agingChartSvg } from "../charts/agingChart.js";
import { receiptsChartSvg } from "../charts/receiptsChart.js";
import { trendChartSvg } from "../charts/trendChart.js";
import { trustedMarkup } from "../pageTemplates.js";
import { asOfDateOf } from "./asOfDate.js";
import { type DashboardData, loadDashboardData } from "./dashboardData.js";
import type { PageContext, PageResult } from "./pageResult.js";

const SEVERITY_LABELS = { info: "information", warning: "attention", alert: "alerte", critical: "critique" } as const;
const euros = (s: string) => formatEuros(toDecimal(s));
const comma = (s: string) => s.replace(".", ",");

type Kpi = DashboardData["summary"]["kpis"][number];

/** How a KPI reads on its card: value with unit, target and alert threshold, and its state (never told by colour alone). */
function kpiCard(k: Kpi) {
  const value = k.value === null ? "non calculable" : k.unit === "days" ? `${comma(k.value)} j` : k.unit === "percent" ? `${comma(k.value)} %` : k.unit === "eur" ? euros(k.value) : k.value;
  const rule = {
    dso: `objectif ≤ ${comma(k.target)} j · alerte au-delà de ${comma(k.alertThreshold)} j`,
    recovery_rate: `objectif ${comma(k.target)} % · alerte sous ${comma(k.alertThreshold)} %`,
    overdue_count: `objectif ${k.target} · alerte à partir de ${k.alertThreshold}`,
    unpaid_amount: `objectif 0 € · alerte au-delà de ${euros(k.alertThreshold)} (10 % du CA de la période)`,
  }[k.code];
  const state = k.alert ? { cls: "alert", text: "alerte" } : k.onTarget ? { cls: "ok", text: "objectif atteint" } : { cls: "warn", text: "hors objectif" };
  return { code: k.code, label: k.label, value, rule, state, message: k.message };
}

/** The dashboard's view: every figure as its tool gave it, formatted for people. */
export async function dashboardView(data: DashboardData) {
  const { summary, forecast, trend, billingKpis } = data;
  const agingRow = (label: string, row: DashboardData["summary"]["aging"]["overall"], clientId?: string) => ({
    label,
    clientId,
    cells: AGING_BUCKETS.map((b) => ({ bucket: b, amount: row.buckets[b].amount, count: row.buckets[b].count })),
    total: row.total,
    disputed: row.disputed,
  });
  const reminders = billingKpis.reminders;
  return {
    asOf: data.asOf,
    period: summary.period,
    kpis: summary.kpis.map(kpiCard),
    formulas: summary.formulas,
    followUp: {
      triggerToIssue: {
        value: billingKpis.triggerToIssue.averageDays === null ? "aucune facture" : `${comma(billingKpis.triggerToIssue.averageDays)} j`,
        detail: `${billingKpis.triggerToIssue.invoiceCount} facture(s) d'échéance émise(s), au plus ${billingKpis.triggerToIssue.maxDays} j`,
        definition: billingKpis.triggerToIssue.definition,
      },
      reminders: {
        value: reminders.automaticPercent === null ? "aucune relance" : `${comma(reminders.automaticPercent)} % automatiques`,
        detail: `${reminders.automatic} automatique(s), ${reminders.manual} manuelle(s)${reminders.manualPercent === null ? "" : ` (${comma(reminders.manualPercent)} %)`}`,
        definition: reminders.definition,
      },
      overdueBeyond: billingKpis.overdueBeyond.map((b) => ({ days: b.days, amount: b.amount, count: b.count })),
    },
    aging: {
      headers: AGING_BUCKETS.map((b) => AGING_BUCKET_LABELS[b]),
      overall: agingRow("Tous clients", summary.aging.overall),
      byClient: summary.aging.byClient.map((c) => agingRow(c.clientName ?? c.clientId, c, c.clientId)),
      chart: trustedMarkup(await agingChartSvg(summary.aging.overall.buckets)),
    },
    trend: { points: trend.points, formula: trend.formula, chart: trustedMarkup(await trendChartSvg(trend)) },
    forecast: {
      weeks: forecast.weeks,
      past: forecast.past,
      later: forecast.later,
      disputed: forecast.disputed,
      total: forecast.total,
      method: forecast.method,
      clients: forecast.clients,
      chart: trustedMarkup(await receiptsChartSvg(forecast)),
    },
    alerts: data.alerts.alerts.map((a) => ({ ...a, severityLabel: SEVERITY_LABELS[a.severity] })),
    alertCounts: data.alerts.counts,
    remindersDue: data.remindersDue.invoices,
    ready: data.ready,
  };
}

/** GET /tableau-de-bord[?date=AAAA-MM-JJ] and its printable version (/tableau-de-bord/imprimer). */
export async function dashboardPage(ctx: PageContext, printable: boolean): Promise<PageResult> {
  const asOf = asOfDateOf(ctx.url, ctx.confirmation.today);
  const data = await loadDashboardData(ctx.db, asOf, async () => (await ctx.tools.call("list_ready_to_invoice", {}, ctx.person, ListReadyToInvoiceOutputSchema, { today: asOf })).structured);
  return { kind: "page", page: printable ? "dashboardPrint" : "dashboard", title: printable ? "Tableau de bord (version imprimable)" : "Tableau de bord", nav: "dashboard", context: { ...(await dashboardView(data)), printable } };
}
