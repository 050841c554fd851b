import { loadPaymentDelayFacts } from "../../../db/repositories/paymentDelayFacts.js";
import { loadReceivablesTimelines } from "../../../db/repositories/receivablesTimelines.js";
import type { IsoDate } from "../../../engine/dates/plainDate.js";
import { DEFAULT_TREND_MONTHS, trendPoints } from "../../../engine/receivables/receivablesTrend.js";
import { DEFAULT_PERIOD_DAYS, lastDays } from "../../../engine/receivables/reportingPeriod.js";
import { billingKpisWire, type BillingKpisWire, loadBillingKpiFacts } from "../../payments/getBillingKpis.js";
import { dunningStatusStructured, type GetDunningStatusOutputSchema } from "../../payments/getDunningStatus.js";
import { type GetPaymentAlertsOutputSchema, paymentAlertsStructured } from "../../payments/getPaymentAlerts.js";
import { receivablesForecastWire, type ReceivablesForecastWire } from "../../payments/getReceivablesForecast.js";
import { type GetReceivablesSummaryOutputSchema, receivablesSummaryStructured } from "../../payments/getReceivablesSummary.js";
import { receivablesTrendWire, type ReceivablesTrendWire } from "../../payments/getReceivablesTrend.js";
import { loadReceivablesSummary } from "../../payments/loadReceivablesSummary.js";
import type { ToolDatabase } from "../../toolDatabase.js";
import type { z } from "zod";
import type { ListReadyToInvoiceOutputSchema } from "../../preparation/listReadyToInvoice.js";

export type ListReadyToInvoiceOutput = z.infer<typeof ListReadyToInvoiceOutputSchema>;

/** Everything the dashboard shows as of a date, each part exactly what its tool answers for that date. */
export interface DashboardData {
  readonly asOf: IsoDate;
  /** get_receivables_summary */
  readonly summary: z.infer<typeof GetReceivablesSummaryOutputSchema>;
  /** get_payment_alerts */
  readonly alerts: z.infer<typeof GetPaymentAlertsOutputSchema>;
  /** get_dunning_status with dueOnly */
  readonly remindersDue: z.infer<typeof GetDunningStatusOutputSchema>;
  /** get_receivables_forecast */
  readonly forecast: ReceivablesForecastWire;
  /** get_receivables_trend */
  readonly trend: ReceivablesTrendWire;
  /** get_billing_kpis */
  readonly billingKpis: BillingKpisWire;
  /** list_ready_to_invoice */
  readonly ready: ListReadyToInvoiceOutput;
}

/**
 * Loads the dashboard in one pass: the receivable positions are read once and given to the same
 * functions the tools build their answers with (summary, alerts, reminders due, forecast, KPIs);
 * the trend, the payment facts and the indicators' facts are read beside them, in parallel; what is
 * ready to invoice comes from the list_ready_to_invoice tool itself.
 */
export async function loadDashboardData(db: ToolDatabase, asOf: IsoDate, readyToInvoice: () => Promise<ListReadyToInvoiceOutput>): Promise<DashboardData> {
  const period = lastDays(asOf, DEFAULT_PERIOD_DAYS);
  const points = trendPoints(asOf, DEFAULT_TREND_MONTHS);
  const [{ summary }, delayFacts, timelines, kpiFacts, ready] = await Promise.all([
    loadReceivablesSummary(db, asOf),
    loadPaymentDelayFacts(db, asOf),
    loadReceivablesTimelines(db, points, DEFAULT_PERIOD_DAYS),
    loadBillingKpiFacts(db, period),
    readyToInvoice(),
  ]);
  return {
    asOf,
    summary: receivablesSummaryStructured(summary),
    alerts: paymentAlertsStructured(summary),
    remindersDue: dunningStatusStructured(summary, { dueOnly: true }),
    forecast: receivablesForecastWire(summary.invoices, delayFacts, asOf),
    trend: receivablesTrendWire(timelines, points, DEFAULT_PERIOD_DAYS),
    billingKpis: billingKpisWire({ asOf, period, aging: summary.aging.overall, ...kpiFacts }),
    ready,
  };
}
