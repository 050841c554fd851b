import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Database } from "../database.js";
import { clients } from "../schema/clients.js";
import { invoices } from "../schema/invoices.js";
import { outboxEmails } from "../schema/outbox.js";
import { type ReminderRow, reminders } from "../schema/reminders.js";

/** A reminder with its invoice number, its client and, when it left through the outbox table, that row. */
export interface ReminderHistoryEntry {
  readonly reminder: ReminderRow;
  readonly invoiceNumber: string | null;
  readonly clientId: number;
  readonly clientName: string;
  /** The outbox row of the e-mail (status `pending` in the local outbox, `sent` by SMTP), when any. */
  readonly outbox: { readonly id: number; readonly status: "pending" | "sent" | "failed"; readonly emlPath: string | null } | null;
}

/** The reminders of one invoice or of one client's invoices, oldest first. */
export async function reminderHistory(db: Database, filter: { readonly invoiceId?: number | undefined; readonly clientId?: number | undefined }): Promise<ReminderHistoryEntry[]> {
  const conditions: SQL[] = [];
  if (filter.invoiceId !== undefined) conditions.push(eq(reminders.invoiceId, filter.invoiceId));
  if (filter.clientId !== undefined) conditions.push(eq(invoices.clientId, filter.clientId));
  const rows = await db
    .select({
      reminder: reminders,
      invoiceNumber: invoices.number,
      clientId: clients.id,
      clientName: clients.name,
      outboxId: outboxEmails.id,
      outboxStatus: outboxEmails.status,
      emlPath: outboxEmails.emlPath,
    })
    .from(reminders)
    .innerJoin(invoices, eq(invoices.id, reminders.invoiceId))
    .innerJoin(clients, eq(clients.id, invoices.clientId))
    .leftJoin(outboxEmails, eq(outboxEmails.reminderId, reminders.id))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(reminders.remindedOn), asc(reminders.id), asc(outboxEmails.id));
  const seen = new Set<number>();
  return rows.flatMap((r) => {
    if (seen.has(r.reminder.id)) return [];
    seen.add(r.reminder.id);
    return [
      {
        reminder: r.reminder,
        invoiceNumber: r.invoiceNumber,
        clientId: r.clientId,
        clientName: r.clientName,
        outbox: r.outboxId === null || r.outboxStatus === null ? null : { id: r.outboxId, status: r.outboxStatus, emlPath: r.emlPath },
      },
    ];
  });
}
