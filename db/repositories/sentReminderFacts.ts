import { sql } from "drizzle-orm";
import type { SentReminderFact } from "../../engine/dunning/reminderOrigin.js";
import type { ReportingPeriod } from "../../engine/receivables/reportingPeriod.js";
import { type Database, rowsOf } from "../database.js";
import { dunningLevelOfColumn } from "./reminderLevelColumn.js";

/**
 * The reminders sent during the period with, as history, every reminder sent before them on the same
 * invoices, in the order they were sent, each with its invoice's due date: what `reminderOrigins` reads.
 */
export async function loadSentReminderFacts(db: Database, period: ReportingPeriod): Promise<SentReminderFact[]> {
  const rows = rowsOf<{ invoice_id: number; level: number; date: string; due_date: string }>(
    await db.execute(sql`
      select r.invoice_id, r.level, r.reminded_on::text as date, i.due_date::text as due_date
      from reminders r join invoices i on i.id = r.invoice_id
      where r.status = 'sent' and i.due_date is not null and r.reminded_on <= ${period.to}
        and r.invoice_id in (select invoice_id from reminders where status = 'sent' and reminded_on between ${period.from} and ${period.to})
      order by r.reminded_on, r.id`),
  );
  return rows.flatMap((r) => {
    const level = dunningLevelOfColumn(r.level);
    return level ? [{ invoiceId: String(r.invoice_id), level, date: r.date, dueDate: r.due_date }] : [];
  });
}
