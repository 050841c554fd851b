import { sql } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { InvoiceKind } from "../../engine/invoice/invoiceDocument.js";
import { type Decimal, ZERO, toDecimal } from "../../engine/money/money.js";
import type { ReceivablePosition } from "../../engine/receivables/invoiceReceivable.js";
import { DEFAULT_PERIOD_DAYS, lastDays } from "../../engine/receivables/reportingPeriod.js";
import { type Database, rowsOf } from "../database.js";
import { dunningLevelOfColumn } from "./reminderLevelColumn.js";
import type { SentReminderRecord } from "./receivablesSnapshot.js";

/**
 * What a receivables summary as of a date needs, pre-aggregated by the database so that its cost
 * follows the open invoices, not the whole history: the positions (payments and credit notes summed
 * per invoice as of the date), the revenue TTC of the reporting period, and the last reminder sent on
 * each of those invoices. Feed it to `summarizeReceivablePositions`.
 */
export interface ReceivablePositions {
  /**
   * Every issued invoice and deposit invoice that is still open as of the date or whose due date falls
   * in the period, in issue-date then id order. Settled invoices outside the period are left out,
   * unless `includeSettled` was asked.
   */
  readonly positions: readonly ReceivablePosition[];
  /** Σ TTC of the documents (credit notes included, negative) issued within the period. */
  readonly revenue: Decimal;
  /** At most one per open invoice of `positions` (something left to pay): the highest level sent, the latest of that level. */
  readonly reminders: readonly SentReminderRecord[];
}

/** A position as the statement encodes it: [id, number, kind, issue date, due date, TTC, client id, client name, disputed, paid, credited]. */
type PositionTuple = [number, string, Exclude<InvoiceKind, "credit_note">, IsoDate, IsoDate, string, number, string, boolean, string, string];

/**
 * Loads the receivable positions as of `asOf` (optionally of one client) with the revenue of the
 * `periodDays` days ending on `asOf` (`lastDays`, the engine's period) and the last reminder sent on
 * each position. Three statements (the positions and the revenue sent together); the rules (statuses,
 * buckets, KPIs, alerts, dunning) stay in the engine. `includeSettled` keeps every issued invoice, settled
 * ones too (listings that show each invoice's payment status).
 *
 * Each position comes back as one JSON text (amounts as strings inside it), not as eleven columns: both
 * drivers decode a result row field by field in JavaScript, while `JSON.parse` decodes the text natively
 * — on a large ledger, most of the time this read takes.
 */
export async function loadReceivablePositions(
  db: Database,
  asOf: IsoDate,
  options: { readonly clientId?: number | undefined; readonly periodDays?: number | undefined; readonly includeSettled?: boolean | undefined } = {},
): Promise<ReceivablePositions> {
  const period = lastDays(asOf, options.periodDays ?? DEFAULT_PERIOD_DAYS);
  const ofClient = (column: string) => (options.clientId === undefined ? sql`true` : sql`${sql.raw(column)} = ${options.clientId}`);
  // Sums over every allocation and credit note (one hash aggregate each, like the plain SQL a DBA would
  // write); for one client, only those of the client's invoices.
  const ofClientInvoices = (column: string) =>
    options.clientId === undefined ? sql`true` : sql`${sql.raw(column)} in (select id from invoices where client_id = ${options.clientId})`;
  const [positionRows, [revenueRow]] = await Promise.all([
    db.execute(sql`
      with paid as (
        select a.invoice_id, sum(a.amount) as paid
        from payment_allocations a join payments p on p.id = a.payment_id
        where coalesce(a.allocated_on, p.received_on) <= ${asOf} and ${ofClientInvoices("a.invoice_id")}
        group by a.invoice_id),
      credited as (
        select c.corrects_invoice_id as invoice_id, -sum(c.amount_due) as credited
        from invoices c
        where c.kind = 'credit_note' and c.status not in ('draft', 'cancelled') and c.number is not null
          and c.issue_date <= ${asOf} and ${ofClient("c.client_id")}
        group by c.corrects_invoice_id)
      select json_build_array(i.id, i.number, i.kind, i.issue_date, i.due_date, i.amount_due::text, i.client_id, cl.name, i.disputed,
          coalesce(p.paid, 0)::text, coalesce(c.credited, 0)::text)::text as position
      from invoices i
      join clients cl on cl.id = i.client_id
      left join paid p on p.invoice_id = i.id
      left join credited c on c.invoice_id = i.id
      where i.kind <> 'credit_note' and i.status not in ('draft', 'cancelled')
        and i.number is not null and i.issue_date is not null and i.due_date is not null
        and i.issue_date <= ${asOf} and ${ofClient("i.client_id")}
        and (${options.includeSettled ? sql`true` : sql`false`}
             or i.amount_due - coalesce(p.paid, 0) - coalesce(c.credited, 0) > 0
             or greatest(i.due_date, i.issue_date) between ${period.from} and ${period.to})
      order by i.issue_date, i.id`).then((result) => rowsOf<{ position: string }>(result)),
    db
      .execute(sql`
        select coalesce(sum(amount_due), 0)::text as revenue from invoices
        where status not in ('draft', 'cancelled') and number is not null and due_date is not null
          and issue_date between ${period.from} and ${period.to} and ${ofClient("client_id")}`)
      .then((result) => rowsOf<{ revenue: string }>(result)),
  ]);
  const tuples = positionRows.map((r) => JSON.parse(r.position) as PositionTuple);
  const positions = tuples.map(
    ([id, number, kind, issueDate, dueDate, amountDue, clientId, clientName, disputed, paid, credited]): ReceivablePosition => ({
      invoice: {
        id: String(id),
        number,
        kind,
        issueDate,
        dueDate: dueDate < issueDate ? issueDate : dueDate,
        amountDue: toDecimal(amountDue),
        clientId: String(clientId),
        clientName,
        disputed,
      },
      paid: toDecimal(paid),
      credited: toDecimal(credited),
    }),
  );
  // Reminders only matter where something is still owed (the dunning steps of open invoices).
  const open = positions.filter((p) => p.invoice.amountDue.minus(p.paid).minus(p.credited).greaterThan(ZERO));
  const reminderRows =
    open.length === 0
      ? []
      : rowsOf<{ invoice_id: number; level: number; date: string }>(
          await db.execute(sql`
            select distinct on (invoice_id) invoice_id, level, reminded_on::text as date
            from reminders
            where status = 'sent' and level between 0 and 4 and invoice_id = any(${`{${open.map((p) => p.invoice.id).join(",")}}`}::int[])
            order by invoice_id, level desc, reminded_on desc`),
        );
  const reminders = reminderRows.flatMap((r) => {
    const level = dunningLevelOfColumn(r.level);
    return level ? [{ invoiceId: String(r.invoice_id), level, date: r.date }] : [];
  });
  return { positions, revenue: toDecimal(revenueRow?.revenue ?? "0"), reminders };
}
