import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { LegalParty, Seller } from "../../engine/invoice/invoiceDocument.js";
import type { PaymentTerms } from "../../engine/terms/paymentTerms.js";
import { clients } from "./clients.js";
import { contracts, projects } from "./projects.js";

export const INVOICE_KINDS = ["invoice", "deposit", "credit_note"] as const;
/**
 * `credited`: annulée par avoir — the issued credit notes cover the whole invoice and nothing was
 * paid on it (it stays in the books, netted by its credit notes; unlike `cancelled`, which voids a
 * document). An invoice settled by payments plus credit notes is `paid`.
 */
export const INVOICE_STATUSES = ["draft", "issued", "sent", "partially_paid", "paid", "credited", "cancelled"] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Seller as issued, amounts as strings (jsonb never holds a float). */
export type SellerSnapshot = Omit<Seller, "latePenaltyRate"> & { latePenaltyRate: string; recoveryFee: string };
export type BuyerSnapshot = LegalParty;

/**
 * Invoices, deposits (acomptes) and credit notes (avoirs). A draft has no number; issuing sets
 * number, series, issue date, snapshots and `issued_at` in one transaction. Once issued, triggers
 * allow only status / dispute / sending / payment fields to change and forbid deletion.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind", { enum: INVOICE_KINDS }).notNull(),
    status: text("status", { enum: INVOICE_STATUSES }).notNull().default("draft"),
    /** Null for drafts; unique once issued. */
    number: text("number").unique(),
    seriesId: text("series_id"),
    /** For a draft: the intended issue date (may be null); for an issued invoice: the issue date. */
    issueDate: date("issue_date", { mode: "string" }),
    dueDate: date("due_date", { mode: "string" }),
    clientId: integer("client_id").notNull().references(() => clients.id),
    projectId: integer("project_id").references(() => projects.id),
    contractId: integer("contract_id").references(() => contracts.id),
    currency: text("currency").notNull().default("EUR"),
    netAmount: numeric("net_amount", { precision: 14, scale: 2 }).notNull(),
    vatAmount: numeric("vat_amount", { precision: 14, scale: 2 }).notNull(),
    amountDue: numeric("amount_due", { precision: 14, scale: 2 }).notNull(),
    /** Sum of payment allocations (kept in step by the payments repository; checked by `ledger check`). */
    amountPaid: numeric("amount_paid", { precision: 14, scale: 2 }).notNull().default("0"),
    paymentTerms: jsonb("payment_terms").$type<PaymentTerms>().notNull(),
    sellerSnapshot: jsonb("seller_snapshot").$type<SellerSnapshot>(),
    buyerSnapshot: jsonb("buyer_snapshot").$type<BuyerSnapshot>(),
    buyerReference: text("buyer_reference"),
    purchaseOrder: text("purchase_order"),
    supplyType: text("supply_type", { enum: ["services", "goods", "mixed"] }).notNull().default("services"),
    notes: jsonb("notes").$type<string[]>().notNull().default([]),
    /** Credit notes: the invoice corrected and why. */
    correctsInvoiceId: integer("corrects_invoice_id").references((): AnyPgColumn => invoices.id),
    correctionReason: text("correction_reason"),
    /** Set on issue (e.g. the pending action id); a second issue with the same key is refused. */
    idempotencyKey: text("idempotency_key").unique(),
    disputed: boolean("disputed").notNull().default(false),
    disputeReason: text("dispute_reason"),
    disputedAt: timestamp("disputed_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    sentChannel: text("sent_channel"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    issuedBy: text("issued_by"),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
  },
  (t) => [
    index("invoices_client_idx").on(t.clientId),
    index("invoices_project_idx").on(t.projectId),
    index("invoices_status_due_idx").on(t.status, t.dueDate),
    index("invoices_corrects_idx").on(t.correctsInvoiceId),
    check("invoices_kind_check", sql`${t.kind} in ('invoice', 'deposit', 'credit_note')`),
    check("invoices_status_check", sql`${t.status} in ('draft', 'issued', 'sent', 'partially_paid', 'paid', 'credited', 'cancelled')`),
    check("invoices_totals_check", sql`${t.amountDue} = ${t.netAmount} + ${t.vatAmount}`),
    check("invoices_draft_unnumbered_check", sql`(${t.status} = 'draft') = (${t.number} is null)`),
    check(
      "invoices_issued_complete_check",
      sql`${t.status} = 'draft' or (${t.issueDate} is not null and ${t.dueDate} is not null and ${t.seriesId} is not null and ${t.issuedAt} is not null and ${t.sellerSnapshot} is not null and ${t.buyerSnapshot} is not null)`,
    ),
    check("invoices_number_format_check", sql`${t.number} is null or ${t.number} ~ '^[A-Za-z0-9+_/-]{1,35}$'`),
    check("invoices_credit_note_sign_check", sql`${t.kind} <> 'credit_note' or ${t.netAmount} <= 0`),
  ],
);

/** Lines of an invoice. A deduction line (acompte déduit) points to the deposit invoice it deducts. */
export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    invoiceId: integer("invoice_id").notNull().references(() => invoices.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 4 }).notNull(),
    /** UN/ECE rec 20: HUR hour, DAY day, C62 unit. */
    unitCode: text("unit_code", { enum: ["HUR", "DAY", "C62"] }).notNull().default("C62"),
    unitPrice: numeric("unit_price", { precision: 14, scale: 4 }).notNull(),
    net: numeric("net", { precision: 14, scale: 2 }).notNull(),
    vatRate: text("vat_rate").notNull(),
    vatExemption: text("vat_exemption"),
    /** The schedule item (échéance) of the invoice's contract this line bills, when any. */
    scheduleItemIndex: integer("schedule_item_index"),
    /** Set on a deduction line: the deposit invoice deducted. */
    deductsInvoiceId: integer("deducts_invoice_id").references(() => invoices.id),
  },
  (t) => [
    uniqueIndex("invoice_lines_position_idx").on(t.invoiceId, t.position),
    check("invoice_lines_vat_rate_check", sql`${t.vatRate} in ('20', '10', '5.5', '2.1', '0')`),
    check("invoice_lines_unit_check", sql`${t.unitCode} in ('HUR', 'DAY', 'C62')`),
  ],
);

/**
 * Schedule items (percent / amount échéances) already invoiced: one row per (contract, item index),
 * written in the issuing transaction. The primary key forbids invoicing a milestone twice.
 */
export const billedScheduleItems = pgTable(
  "billed_schedule_items",
  {
    contractId: integer("contract_id").notNull().references(() => contracts.id),
    itemIndex: integer("item_index").notNull(),
    invoiceId: integer("invoice_id").notNull().references(() => invoices.id),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.itemIndex] })],
);

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type NewInvoiceLineRow = typeof invoiceLines.$inferInsert;
export type BilledScheduleItemRow = typeof billedScheduleItems.$inferSelect;
