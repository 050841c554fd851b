import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { clients } from "./clients.js";
import { invoices } from "./invoices.js";

/** A payment received. What is not allocated to invoices is an overpayment / unallocated credit. */
export const payments = pgTable(
  "payments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    ref: text("ref").unique(),
    clientId: integer("client_id").references(() => clients.id),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    method: text("method", { enum: ["transfer", "cheque", "direct_debit", "card", "cash", "other"] }).notNull().default("transfer"),
    /** Bank reference / remittance text. */
    reference: text("reference"),
    payerName: text("payer_name"),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payments_client_idx").on(t.clientId),
    check("payments_amount_check", sql`${t.amount} > 0`),
  ],
);

export const paymentAllocations = pgTable(
  "payment_allocations",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    paymentId: integer("payment_id").notNull().references(() => payments.id),
    invoiceId: integer("invoice_id").notNull().references(() => invoices.id),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    /** When the allocation was made, if later than the payment: a client credit (trop-perçu) imputed on an invoice. */
    allocatedOn: date("allocated_on", { mode: "string" }),
  },
  (t) => [
    uniqueIndex("payment_allocations_unique_idx").on(t.paymentId, t.invoiceId),
    index("payment_allocations_invoice_idx").on(t.invoiceId),
    check("payment_allocations_amount_check", sql`${t.amount} > 0`),
  ],
);

export type PaymentRow = typeof payments.$inferSelect;
export type NewPaymentRow = typeof payments.$inferInsert;
export type PaymentAllocationRow = typeof paymentAllocations.$inferSelect;
