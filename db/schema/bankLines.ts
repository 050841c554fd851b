import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { payments } from "./payments.js";

/**
 * One line of an imported bank statement (relevé bancaire). Credits (money received) are positive,
 * debits negative. `uniqueKey` (sha256 of account, booking date, amount, label, reference and the
 * rank among identical lines of the same file) makes a re-import of the same statement a no-op.
 * `paymentId` is set when a confirmed `record_payment` was created from this line.
 */
export const bankLines = pgTable(
  "bank_lines",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** The bank account (IBAN or a name given at import). */
    account: text("account").notNull(),
    bookingDate: date("booking_date", { mode: "string" }).notNull(),
    valueDate: date("value_date", { mode: "string" }),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    label: text("label").notNull(),
    reference: text("reference"),
    /** The import that brought the line (one id per `import-bank` run). */
    importBatch: text("import_batch").notNull(),
    uniqueKey: text("unique_key").notNull(),
    paymentId: integer("payment_id").references(() => payments.id),
    importedBy: text("imported_by").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("bank_lines_unique_key_idx").on(t.uniqueKey),
    uniqueIndex("bank_lines_payment_idx").on(t.paymentId),
    index("bank_lines_booking_date_idx").on(t.bookingDate),
    check("bank_lines_amount_check", sql`${t.amount} <> 0`),
  ],
);

export type BankLineRow = typeof bankLines.$inferSelect;
export type NewBankLineRow = typeof bankLines.$inferInsert;
