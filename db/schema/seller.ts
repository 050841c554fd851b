import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { PaymentTerms } from "../../engine/terms/paymentTerms.js";

/**
 * The seller (the company using Facturation): one row, id 1. Its values are snapshotted onto each
 * invoice when it is issued, so changing them later never alters an issued invoice.
 * Numbering formats live in `numbering_series` (one row per series).
 */
export const sellerSettings = pgTable(
  "seller_settings",
  {
    id: integer("id").primaryKey().default(1),
    legalName: text("legal_name").notNull(),
    /** Forme juridique and capital, e.g. "SAS au capital de 10 000 €". */
    legalForm: text("legal_form"),
    /** RCS registration, e.g. "RCS Lyon 123 456 789". */
    registration: text("registration"),
    siren: text("siren"),
    siret: text("siret"),
    vatNumber: text("vat_number"),
    addressLine1: text("address_line1").notNull(),
    addressLine2: text("address_line2"),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    countryCode: text("country_code").notNull().default("FR"),
    email: text("email"),
    /** Electronic invoicing address (BT-34): { scheme: "0225" | "EM", value }. */
    electronicAddress: jsonb("electronic_address").$type<{ scheme: string; value: string }>(),
    iban: text("iban"),
    bic: text("bic"),
    defaultPaymentTerms: jsonb("default_payment_terms").$type<PaymentTerms>().notNull().default({ days: 30, endOfMonth: false }),
    /** Annual late-penalty rate in percent. */
    latePenaltyRate: numeric("late_penalty_rate", { precision: 6, scale: 2 }).notNull().default("12.15"),
    /** Indemnité forfaitaire pour frais de recouvrement (art. D441-5 C. com.), 40 € by law. */
    recoveryFee: numeric("recovery_fee", { precision: 14, scale: 2 }).notNull().default("40.00"),
    vatOnDebits: boolean("vat_on_debits").notNull().default(false),
    /** Above this amount due (TTC), a finance approver must confirm monetary actions. */
    financeApprovalThreshold: numeric("finance_approval_threshold", { precision: 14, scale: 2 }).notNull().default("10000.00"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("seller_settings_single_row", sql`${t.id} = 1`)],
);

export type SellerSettingsRow = typeof sellerSettings.$inferSelect;
export type NewSellerSettingsRow = typeof sellerSettings.$inferInsert;
