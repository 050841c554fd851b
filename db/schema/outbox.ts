import { sql } from "drizzle-orm";
import { check, customType, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { invoices } from "./invoices.js";
import { reminders } from "./reminders.js";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** E-mails to send (transactional outbox): written in the same transaction as the action, sent after commit. */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    reminderId: integer("reminder_id").references(() => reminders.id),
    invoiceId: integer("invoice_id").references(() => invoices.id),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    /** The message as an .eml file path, or its bytes. */
    emlPath: text("eml_path"),
    emlBytes: bytea("eml_bytes"),
    messageId: text("message_id"),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [check("outbox_emails_status_check", sql`${t.status} in ('pending', 'sent', 'failed')`)],
);

export type OutboxEmailRow = typeof outboxEmails.$inferSelect;
export type NewOutboxEmailRow = typeof outboxEmails.$inferInsert;
