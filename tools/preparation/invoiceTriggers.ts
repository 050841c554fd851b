import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/database.js";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { BillingError } from "../../engine/errors.js";
import type { ReportingPeriod } from "../../engine/receivables/reportingPeriod.js";
import type { TriggeredInvoice } from "../../engine/schedule/invoicingDelay.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { loadProject, type LoadedContract } from "./projectContracts.js";
import { compareWithInvoiced, invoicedItemLines } from "./unbilledInvoices.js";

/**
 * For each stored invoice of a contract that bills its schedule, the day the schedule fired what it
 * bills: the earliest trigger date among the replay's invoices its lines cover (the same matching that
 * tells what is still to invoice).
 */
export function triggerDatesOf(loaded: LoadedContract): Map<number, IsoDate> {
  const live = loaded.invoices.filter((i) => i.invoice.status !== "cancelled");
  const { coveredBy } = compareWithInvoiced(loaded.replay.invoices, invoicedItemLines(live));
  const dates = new Map<number, IsoDate>();
  for (const [replayIndex, invoiceIds] of coveredBy) {
    const triggeredOn = loaded.replay.invoices[replayIndex]?.date;
    if (triggeredOn === undefined) continue;
    for (const id of invoiceIds) {
      const known = dates.get(id);
      if (known === undefined || triggeredOn < known) dates.set(id, triggeredOn);
    }
  }
  return dates;
}

/**
 * The invoices (and deposit invoices) issued during the period that bill a schedule item, each with
 * its trigger date: only the projects that issued such an invoice are read and replayed (up to the
 * period's end), through `loadProject`, as the preparation tools read them.
 */
export async function loadTriggeredInvoices(db: ToolDatabase, period: ReportingPeriod): Promise<TriggeredInvoice[]> {
  const projectRows = rowsOf<{ project_id: number }>(
    await db.execute(sql`
      select distinct i.project_id from invoices i
      where i.kind <> 'credit_note' and i.status not in ('draft', 'cancelled') and i.project_id is not null
        and i.issue_date between ${period.from} and ${period.to}
        and exists (select 1 from invoice_lines l where l.invoice_id = i.id and l.schedule_item_index is not null)
      order by i.project_id`),
  );
  const found: TriggeredInvoice[] = [];
  for (const { project_id } of projectRows) {
    let loaded;
    try {
      loaded = await loadProject(db, project_id, period.to);
    } catch (error) {
      // A schedule that cannot be replayed (list_ready_to_invoice names it) gives no trigger date.
      if (error instanceof BillingError) continue;
      throw error;
    }
    for (const contract of loaded.contracts) {
      const triggers = triggerDatesOf(contract);
      for (const { invoice } of contract.invoices) {
        const triggeredOn = triggers.get(invoice.id);
        if (triggeredOn === undefined || invoice.kind === "credit_note" || invoice.issueDate === null) continue;
        if (invoice.status === "draft" || invoice.status === "cancelled" || invoice.issueDate < period.from || invoice.issueDate > period.to) continue;
        found.push({ invoiceId: String(invoice.id), triggeredOn, issuedOn: invoice.issueDate });
      }
    }
  }
  return found;
}
