import { loadReceivablePositions } from "../../db/repositories/receivablePositions.js";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { type ReceivablesSummary, summarizeReceivablePositions } from "../../engine/receivables/receivablesSummary.js";
import type { ToolDatabase } from "../toolDatabase.js";

/**
 * Reads the pre-aggregated receivable positions (payments and credit notes summed per invoice in SQL,
 * only invoices open as of `asOf` or due within the period, the period's revenue, the last reminder
 * per invoice) and lets `engine/receivables` compute everything as of `asOf`: statuses, aging, KPIs,
 * alerts and dunning steps. Tools never recompute these figures. `summary.invoices` holds those
 * relevant invoices only (settled invoices outside the period change no figure).
 */
export async function loadReceivablesSummary(
  db: ToolDatabase,
  asOf: IsoDate,
  options: { readonly clientId?: number | undefined; readonly periodDays?: number | undefined } = {},
): Promise<{ readonly summary: ReceivablesSummary }> {
  const { positions, revenue, reminders } = await loadReceivablePositions(db, asOf, options);
  const summary = summarizeReceivablePositions(positions, asOf, {
    revenue,
    reminders,
    ...(options.periodDays === undefined ? {} : { periodDays: options.periodDays }),
  });
  return { summary };
}
