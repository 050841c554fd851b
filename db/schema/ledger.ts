import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { invoices } from "./invoices.js";
import { payments } from "./payments.js";

/**
 * Double-entry journal (append-only: triggers refuse UPDATE and DELETE). Each entry is balanced
 * (a deferred constraint trigger checks Σdebit = Σcredit at commit). See engine/ledger/accounts.ts
 * for the chart of accounts.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** VE sales journal, BQ bank journal. */
    journal: text("journal", { enum: ["VE", "BQ", "OD"] }).notNull(),
    entryDate: date("entry_date", { mode: "string" }).notNull(),
    /** `credit_application`: a client credit (unallocated part of `payment_id`) imputed on invoices (OD journal). */
    kind: text("kind", { enum: ["invoice", "deposit", "credit_note", "payment", "credit_application"] }).notNull(),
    label: text("label").notNull(),
    invoiceId: integer("invoice_id").references(() => invoices.id),
    paymentId: integer("payment_id").references(() => payments.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ledger_entries_invoice_idx").on(t.invoiceId), index("ledger_entries_payment_idx").on(t.paymentId)],
);

export const ledgerLines = pgTable(
  "ledger_lines",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    entryId: integer("entry_id").notNull().references(() => ledgerEntries.id),
    position: integer("position").notNull(),
    account: text("account").notNull(),
    label: text("label").notNull(),
    debit: numeric("debit", { precision: 14, scale: 2 }).notNull().default("0"),
    credit: numeric("credit", { precision: 14, scale: 2 }).notNull().default("0"),
    /** The invoice this line concerns (client account and VAT lines), for lettering and checks. */
    invoiceId: integer("invoice_id").references(() => invoices.id),
  },
  (t) => [
    index("ledger_lines_entry_idx").on(t.entryId),
    index("ledger_lines_invoice_idx").on(t.invoiceId),
    check("ledger_lines_amounts_check", sql`${t.debit} >= 0 and ${t.credit} >= 0 and (${t.debit} = 0 or ${t.credit} = 0) and ${t.debit} + ${t.credit} > 0`),
  ],
);

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type LedgerLineRow = typeof ledgerLines.$inferSelect;
