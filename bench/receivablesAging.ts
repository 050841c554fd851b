import { sql } from "drizzle-orm";
import { addDays, type IsoDate } from "../engine/dates/plainDate.js";
import { toAmountString, toDecimal } from "../engine/money/money.js";
import { type ReceivablesSummary, summarizeReceivables } from "../engine/receivables/receivablesSummary.js";
import { type Database, rowsOf } from "../db/database.js";
import { loadReceivablesSnapshot } from "../db/repositories/receivablesSnapshot.js";
import { loadReceivablesSummary } from "../tools/payments/loadReceivablesSummary.js";

/** What both paths must agree on: aging totals, the DSO inputs and the number of alerts by code. */
export interface AgingFigures {
  readonly outstanding: string;
  readonly overdue: string;
  readonly overdueCount: number;
  readonly revenue90: string;
}

/**
 * (b) Our code paths: `production` is what the suivi-paiements tools run (`loadReceivablesSummary`:
 * positions pre-aggregated in SQL, rules in the engine); `snapshot` loads every document and
 * allocation (`loadReceivablesSnapshot`) and lets the engine do everything.
 */
export async function agingByEngine(db: Database, today: IsoDate, options: { path: "production" | "snapshot" }): Promise<AgingFigures & { alerts: number }> {
  let summary: ReceivablesSummary;
  if (options.path === "production") {
    summary = (await loadReceivablesSummary(db, today)).summary;
  } else {
    const snapshot = await loadReceivablesSnapshot(db);
    summary = summarizeReceivables(snapshot.documents, snapshot.allocations, today, { reminders: snapshot.reminders });
  }
  const total = summary.aging.overall.total;
  const notDue = summary.aging.overall.buckets.not_due;
  return {
    outstanding: toAmountString(total.amount),
    overdue: toAmountString(total.amount.minus(notDue.amount)),
    overdueCount: total.count - notDue.count,
    revenue90: toAmountString(summary.kpis.dso.revenue),
    alerts: summary.alerts.length,
  };
}

/** (b) The plain SQL: outstanding per invoice, aging buckets, DSO revenue, alert counts — one statement. */
export async function agingBySql(db: Database, today: IsoDate): Promise<AgingFigures & { alerts: number }> {
  const periodStart = addDays(today, -89);
  const [row] = rowsOf<{ outstanding: string; overdue: string; overdue_count: number; revenue: string; alerts: number }>(
    await db.execute(sql`
      with paid as (
        select a.invoice_id, sum(a.amount) as paid
        from payment_allocations a join payments p on p.id = a.payment_id
        where coalesce(a.allocated_on, p.received_on) <= ${today}
        group by a.invoice_id),
      credited as (
        select corrects_invoice_id as invoice_id, -sum(amount_due) as credited
        from invoices where kind = 'credit_note' and status not in ('draft', 'cancelled') and issue_date <= ${today}
        group by corrects_invoice_id),
      open as (
        select i.id, i.due_date, i.amount_due - coalesce(p.paid, 0) - coalesce(c.credited, 0) as outstanding, ${today}::date - i.due_date as late
        from invoices i left join paid p on p.invoice_id = i.id left join credited c on c.invoice_id = i.id
        where i.kind <> 'credit_note' and i.status not in ('draft', 'cancelled') and i.issue_date <= ${today})
      select
        coalesce(sum(outstanding) filter (where outstanding > 0), 0)::text as outstanding,
        coalesce(sum(outstanding) filter (where outstanding > 0 and late > 0), 0)::text as overdue,
        count(*) filter (where outstanding > 0 and late > 0)::int as overdue_count,
        (select coalesce(sum(amount_due), 0) from invoices where status not in ('draft', 'cancelled') and issue_date between ${periodStart} and ${today})::text as revenue,
        count(*) filter (where outstanding > 0 and (late >= 1 or late >= -5 or outstanding > 10000))::int as alerts
      from open`),
  );
  return {
    outstanding: toAmountString(toDecimal(row?.outstanding ?? "0")),
    overdue: toAmountString(toDecimal(row?.overdue ?? "0")),
    overdueCount: Number(row?.overdue_count ?? 0),
    revenue90: toAmountString(toDecimal(row?.revenue ?? "0")),
    alerts: Number(row?.alerts ?? 0),
  };
}
