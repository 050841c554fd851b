import { sql } from "drizzle-orm";
import { addDays, type IsoDate, startOfMonth } from "../../engine/dates/plainDate.js";
import type { InvoiceKind } from "../../engine/invoice/invoiceDocument.js";
import { toDecimal } from "../../engine/money/money.js";
import type { DailyAmount, InvoiceTimeline } from "../../engine/receivables/receivablesTrend.js";
import { type Database, rowsOf } from "../database.js";

/** What `receivablesTrend` needs for a list of points, read in three statements. */
export interface ReceivablesTimelines {
  readonly timelines: readonly InvoiceTimeline[];
  readonly revenueByDay: readonly DailyAmount[];
  readonly collectionsByDay: readonly DailyAmount[];
}

/** [id, number, kind, issue date, due date, TTC, client id, client name, disputed, [[point, paid, credited], …]]. */
type TimelineTuple = [number, string, Exclude<InvoiceKind, "credit_note">, IsoDate, IsoDate, string, number, string, boolean, [IsoDate, string, string][]];

/**
 * The invoices with something outstanding at one of `points` at least (ascending dates, the last one
 * the as-of date), each with its payments (dated as the positions date them) and credit notes summed
 * per point — the first point on or after the movement; an invoice settled by the first point that
 * counts it is left out, it changes no figure — plus the revenue TTC per issue day over the DSO
 * periods (`periodDays` ending on each point; same documents as the summary's revenue) and the
 * payments received per day over the points' months.
 */
export async function loadReceivablesTimelines(
  db: Database,
  points: readonly IsoDate[],
  periodDays: number,
  options: { readonly clientId?: number | undefined } = {},
): Promise<ReceivablesTimelines> {
  const first = points[0];
  const asOf = points[points.length - 1];
  if (first === undefined || asOf === undefined) return { timelines: [], revenueByDay: [], collectionsByDay: [] };
  const pointArray = `{${points.join(",")}}`;
  const ofClient = (column: string) => (options.clientId === undefined ? sql`true` : sql`${sql.raw(column)} = ${options.clientId}`);
  const [timelineRows, revenueRows, collectionRows] = await Promise.all([
    db
      .execute(sql`
        with pts as (select unnest(${pointArray}::date[]) as d),
        mov as (
          select a.invoice_id, coalesce(a.allocated_on, p.received_on) as d, a.amount as paid, 0::numeric as credited
          from payment_allocations a join payments p on p.id = a.payment_id
          where coalesce(a.allocated_on, p.received_on) <= ${asOf}
          union all
          select c.corrects_invoice_id, c.issue_date, 0::numeric, -c.amount_due
          from invoices c
          where c.kind = 'credit_note' and c.status not in ('draft', 'cancelled') and c.number is not null
            and c.corrects_invoice_id is not null and c.issue_date <= ${asOf}),
        bucketed as (
          select m.invoice_id, (select min(pts.d) from pts where pts.d >= m.d) as d, sum(m.paid) as paid, sum(m.credited) as credited
          from mov m group by 1, 2),
        inv as (
          select i.id, i.number, i.kind, i.issue_date, i.due_date, i.amount_due, i.client_id, i.disputed,
                 (select min(pts.d) from pts where pts.d >= i.issue_date) as first_point
          from invoices i
          where i.kind <> 'credit_note' and i.status not in ('draft', 'cancelled')
            and i.number is not null and i.issue_date is not null and i.due_date is not null
            and i.issue_date <= ${asOf} and ${ofClient("i.client_id")})
        select json_build_array(i.id, i.number, i.kind, i.issue_date, i.due_date, i.amount_due::text, i.client_id, cl.name, i.disputed,
                 coalesce(json_agg(json_build_array(b.d, b.paid::text, b.credited::text) order by b.d) filter (where b.invoice_id is not null), '[]'::json))::text as timeline
        from inv i
        join clients cl on cl.id = i.client_id
        left join bucketed b on b.invoice_id = i.id
        group by i.id, i.number, i.kind, i.issue_date, i.due_date, i.amount_due, i.client_id, cl.name, i.disputed, i.first_point
        having i.amount_due > coalesce(sum(b.paid + b.credited) filter (where b.d <= i.first_point), 0)
        order by i.issue_date, i.id`)
      .then((r) => rowsOf<{ timeline: string }>(r)),
    db
      .execute(sql`
        select issue_date::text as date, sum(amount_due)::text as amount from invoices
        where status not in ('draft', 'cancelled') and number is not null and due_date is not null
          and issue_date between ${addDays(first, -(periodDays - 1))} and ${asOf} and ${ofClient("client_id")}
        group by issue_date order by issue_date`)
      .then((r) => rowsOf<{ date: string; amount: string }>(r)),
    db
      .execute(sql`
        select received_on::text as date, sum(amount)::text as amount from payments
        where received_on between ${startOfMonth(first)} and ${asOf} and ${ofClient("client_id")}
        group by received_on order by received_on`)
      .then((r) => rowsOf<{ date: string; amount: string }>(r)),
  ]);
  const timelines = timelineRows.map((row): InvoiceTimeline => {
    const [id, number, kind, issueDate, dueDate, amountDue, clientId, clientName, disputed, moves] = JSON.parse(row.timeline) as TimelineTuple;
    return {
      invoice: { id: String(id), number, kind, issueDate, dueDate: dueDate < issueDate ? issueDate : dueDate, amountDue: toDecimal(amountDue), clientId: String(clientId), clientName, disputed },
      movements: moves.map(([date, paid, credited]) => ({ date, paid: toDecimal(paid), credited: toDecimal(credited) })),
    };
  });
  const daily = (rows: { date: string; amount: string }[]) => rows.map((r) => ({ date: r.date, amount: toDecimal(r.amount) }));
  return { timelines, revenueByDay: daily(revenueRows), collectionsByDay: daily(collectionRows) };
}
