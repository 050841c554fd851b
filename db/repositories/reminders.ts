import { asc, desc, eq } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { NotFoundError, RuleError } from "../../engine/errors.js";
import { appendAudit } from "../audit/appendAudit.js";
import type { Database } from "../database.js";
import { invoices } from "../schema/invoices.js";
import { type ReminderRow, reminders } from "../schema/reminders.js";

export type Reminder = ReminderRow;

export interface ReminderInput {
  readonly invoiceId: number;
  readonly level: number;
  readonly remindedOn: IsoDate;
  readonly channel?: ReminderRow["channel"] | undefined;
  readonly recipient: string;
  readonly subject: string;
  readonly createdBy: string;
}

/** Records a drafted reminder of an issued invoice. */
export async function createReminder(db: Database, input: ReminderInput): Promise<Reminder> {
  const [invoice] = await db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, input.invoiceId));
  if (!invoice) throw new NotFoundError(`facture ${input.invoiceId} introuvable`, { field: "invoiceId" });
  if (invoice.status === "draft") throw new RuleError("un brouillon ne se relance pas", { field: "invoiceId", code: "not_issued" });
  const [row] = await db
    .insert(reminders)
    .values({ ...input, channel: input.channel ?? "email", status: "drafted" })
    .returning();
  if (!row) throw new NotFoundError("relance non enregistrée");
  return row;
}

/** Marks a reminder sent (with its Message-ID or letter reference); audited. */
export async function markReminderSent(
  db: Database,
  reminderId: number,
  options: { messageReference?: string | undefined; actor: string; channel: string; at?: Date | undefined },
): Promise<Reminder> {
  const at = options.at ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(reminders)
      .set({ status: "sent", sentAt: at, messageReference: options.messageReference ?? null })
      .where(eq(reminders.id, reminderId))
      .returning();
    if (!row) throw new NotFoundError(`relance ${reminderId} introuvable`, { field: "reminderId" });
    await appendAudit(tx, {
      actor: options.actor,
      channel: options.channel,
      action: "reminder_sent",
      subjectType: "reminder",
      subjectId: reminderId,
      details: { invoiceId: row.invoiceId, level: row.level, recipient: row.recipient },
      at,
    });
    return row;
  });
}

export async function listReminders(db: Database, invoiceId: number): Promise<Reminder[]> {
  return db.select().from(reminders).where(eq(reminders.invoiceId, invoiceId)).orderBy(asc(reminders.remindedOn), asc(reminders.id));
}

/** The latest sent reminder of an invoice (for the dunning policy's next level). */
export async function lastSentReminder(db: Database, invoiceId: number): Promise<Reminder | undefined> {
  const rows = await db.select().from(reminders).where(eq(reminders.invoiceId, invoiceId)).orderBy(desc(reminders.level), desc(reminders.id));
  return rows.find((r) => r.status === "sent");
}
