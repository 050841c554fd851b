import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { invoices } from "./invoices.js";

/** A reminder (relance) of an invoice: level 0 before the due date, 1 cordial, 2 firm, 3 formal notice, 4 escalation. */
export const reminders = pgTable(
  "reminders",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    invoiceId: integer("invoice_id").notNull().references(() => invoices.id),
    level: integer("level").notNull(),
    remindedOn: date("reminded_on", { mode: "string" }).notNull(),
    channel: text("channel", { enum: ["email", "letter", "phone"] }).notNull().default("email"),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    status: text("status", { enum: ["drafted", "sent"] }).notNull().default("drafted"),
    /** Message-ID of the e-mail, or a letter reference. */
    messageReference: text("message_reference"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("reminders_invoice_idx").on(t.invoiceId),
    check("reminders_level_check", sql`${t.level} between 0 and 4`),
    check("reminders_status_check", sql`${t.status} in ('drafted', 'sent')`),
  ],
);

export type ReminderRow = typeof reminders.$inferSelect;
export type NewReminderRow = typeof reminders.$inferInsert;
