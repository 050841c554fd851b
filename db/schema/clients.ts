import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { PaymentTerms } from "../../engine/terms/paymentTerms.js";

export interface BillingContact {
  name?: string | undefined;
  email: string;
  role?: string | undefined;
}

/** A customer (client). `ref` is an optional stable external key (used by imports to stay idempotent). */
export const clients = pgTable("clients", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  ref: text("ref").unique(),
  name: text("name").notNull(),
  siren: text("siren"),
  siret: text("siret"),
  vatNumber: text("vat_number"),
  addressLine1: text("address_line1").notNull(),
  addressLine2: text("address_line2"),
  postalCode: text("postal_code").notNull(),
  city: text("city").notNull(),
  countryCode: text("country_code").notNull().default("FR"),
  /** Billing contacts; reminders go to their e-mails (never to an address chosen by a model). */
  billingContacts: jsonb("billing_contacts").$type<BillingContact[]>().notNull().default([]),
  /** Overrides the seller's default payment terms when set. */
  paymentTerms: jsonb("payment_terms").$type<PaymentTerms>(),
  electronicAddress: jsonb("electronic_address").$type<{ scheme: string; value: string }>(),
  notes: text("notes"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type ClientRow = typeof clients.$inferSelect;
export type NewClientRow = typeof clients.$inferInsert;
