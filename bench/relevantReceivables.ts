import { sql } from "drizzle-orm";
import { addDays, type IsoDate } from "../engine/dates/plainDate.js";
import { toDecimal } from "../engine/money/money.js";
import type { PaymentAllocation, ReceivableDocument } from "../engine/receivables/receivableDocument.js";
import { DEFAULT_PERIOD_DAYS } from "../engine/receivables/reportingPeriod.js";
import { type Database, rowsOf } from "../db/database.js";
import { dunningLevelOfColumn } from "../db/repositories/reminderLevelColumn.js";
import type { ReceivablesSnapshot } from "../db/repositories/receivablesSnapshot.js";

/**
 * A proposal for the receivables repository (measured here, not used by the product yet): the same
 * snapshot as `loadReceivablesSnapshot`, restricted IN SQL to the documents a summary as of `asOf`
 * can depend on — invoices still open at `asOf` (TTC − payments − credit notes ≠ 0), or issued or due
 * within the KPI period — with their credit notes and allocations. Aging, alerts, dunning, DSO and
 * recovery rate come out identical (the bench compares them); settled invoices of earlier periods
 * never reach the engine.
 */
export async function loadRelevantReceivables(db: Database, asOf: IsoDate, periodDays = DEFAULT_PERIOD_DAYS): Promise<ReceivablesSnapshot> {
  const from = addDays(asOf, -(periodDays - 1));
  const docs = rowsOf<{ id: number; number: string; kind: "invoice" | "deposit" | "credit_note"; issue_date: string; due_date: string; amount_due: string; client_id: number; client_name: string; disputed: boolean; corrects_invoice_id: number | null }>(
    await db.execute(sql`
      with paid as (
        select a.invoice_id, sum(a.amount) as paid
        from payment_allocations a join payments p on p.id = a.payment_id
        where p.received_on <= ${asOf} group by a.invoice_id),
      credited as (
        select corrects_invoice_id as invoice_id, sum(amount_due) as credited
        from invoices where kind = 'credit_note' and status not in ('draft', 'cancelled') and issue_date <= ${asOf}
        group by corrects_invoice_id),
      relevant as (
        select i.id from invoices i
        left join paid p on p.invoice_id = i.id left join credited c on c.invoice_id = i.id
        where i.kind <> 'credit_note' and i.status not in ('draft', 'cancelled')
          and (i.amount_due - coalesce(p.paid, 0) + coalesce(c.credited, 0) <> 0
               or i.issue_date between ${from} and ${asOf} or i.due_date between ${from} and ${asOf}))
      select i.id, i.number, i.kind, i.issue_date::text, i.due_date::text, i.amount_due::text, i.client_id, cl.name as client_name, i.disputed, i.corrects_invoice_id
      from invoices i join clients cl on cl.id = i.client_id
      where i.status not in ('draft', 'cancelled') and i.number is not null
        and (i.id in (select id from relevant) or (i.kind = 'credit_note' and i.corrects_invoice_id in (select id from relevant)))
      order by i.issue_date, i.id`),
  );
  const documents: ReceivableDocument[] = docs.map((r) => ({
    id: String(r.id),
    number: r.number,
    kind: r.kind,
    issueDate: r.issue_date,
    dueDate: r.due_date < r.issue_date ? r.issue_date : r.due_date,
    amountDue: toDecimal(r.amount_due),
    clientId: String(r.client_id),
    clientName: r.client_name,
    disputed: r.disputed,
    ...(r.kind === "credit_note" && r.corrects_invoice_id !== null ? { correctsInvoiceId: String(r.corrects_invoice_id) } : {}),
  }));
  const ids = docs.filter((d) => d.kind !== "credit_note").map((d) => d.id);
  if (ids.length === 0) return { documents, allocations: [], reminders: [] };
  const allocationRows = rowsOf<{ invoice_id: number; amount: string; date: string }>(
    await db.execute(sql`
      select a.invoice_id, a.amount::text, p.received_on::text as date
      from payment_allocations a join payments p on p.id = a.payment_id
      where a.invoice_id = any(${sql.raw(`array[${ids.map(Number).join(",")}]::int[]`)})
      order by p.received_on, a.id`),
  );
  const allocations: PaymentAllocation[] = allocationRows.map((a) => ({ invoiceId: String(a.invoice_id), amount: toDecimal(a.amount), date: a.date }));
  const reminderRows = rowsOf<{ invoice_id: number; level: number; date: string }>(
    await db.execute(sql`
      select invoice_id, level, reminded_on::text as date from reminders
      where status = 'sent' and invoice_id = any(${sql.raw(`array[${ids.map(Number).join(",")}]::int[]`)})
      order by reminded_on, id`),
  );
  const reminders = reminderRows.flatMap((r) => {
    const level = dunningLevelOfColumn(r.level);
    return level ? [{ invoiceId: String(r.invoice_id), level, date: r.date }] : [];
  });
  return { documents, allocations, reminders };
}
