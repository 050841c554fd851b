import { loadReceivablesSnapshot, type ReceivablesSnapshot } from "../../db/repositories/receivablesSnapshot.js";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { type ReceivablesSummary, summarizeReceivables } from "../../engine/receivables/receivablesSummary.js";
import type { ToolDatabase } from "../toolDatabase.js";

/**
 * Reads the ledger (one query per table) and lets `engine/receivables` compute everything as of
 * `asOf`: statuses, aging, KPIs, alerts and dunning steps. Tools never recompute these figures.
 */
export async function loadReceivablesSummary(
  db: ToolDatabase,
  asOf: IsoDate,
  options: { readonly clientId?: number | undefined; readonly periodDays?: number | undefined } = {},
): Promise<{ readonly summary: ReceivablesSummary; readonly snapshot: ReceivablesSnapshot }> {
  const snapshot = await loadReceivablesSnapshot(db, { clientId: options.clientId });
  const summary = summarizeReceivables(snapshot.documents, snapshot.allocations, asOf, {
    reminders: snapshot.reminders,
    ...(options.periodDays === undefined ? {} : { periodDays: options.periodDays }),
  });
  return { summary, snapshot };
}
