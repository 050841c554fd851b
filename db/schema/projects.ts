import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Pricing } from "../../engine/scenario/pricing.js";
import type { ScheduleItem } from "../../engine/scenario/scheduleItem.js";
import type { PaymentTerms } from "../../engine/terms/paymentTerms.js";
import { clients } from "./clients.js";

/** A project or dossier of a client. A mixte project has two contracts (forfait build + régie maintenance). */
export const projects = pgTable(
  "projects",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    ref: text("ref").unique(),
    clientId: integer("client_id").notNull().references(() => clients.id),
    name: text("name").notNull(),
    /** individual (one beneficiary / one order) or group billing. */
    billingMode: text("billing_mode", { enum: ["individual", "group"] }).notNull().default("individual"),
    status: text("status", { enum: ["active", "closed", "abandoned"] }).notNull().default("active"),
    /** Buyer's reference and purchase order, printed on invoices (BT-10 / BT-13). */
    buyerReference: text("buyer_reference"),
    purchaseOrder: text("purchase_order"),
    notes: text("notes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("projects_client_idx").on(t.clientId),
    check("projects_billing_mode_check", sql`${t.billingMode} in ('individual', 'group')`),
    check("projects_status_check", sql`${t.status} in ('active', 'closed', 'abandoned')`),
  ],
);

/**
 * A contract of a project: pricing + schedule stored exactly in the scenario format
 * (`facturation-scenario/1`, see shared/scenarios/FORMAT.md), as jsonb. The engine's zod schema
 * (engine/scenario) validates them in the repository.
 */
export const contracts = pgTable(
  "contracts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    ref: text("ref").unique(),
    projectId: integer("project_id").notNull().references(() => projects.id),
    name: text("name").notNull(),
    /** Scenario-format `pricing` object (validated by the engine's `PricingSchema` before it is stored). */
    pricing: jsonb("pricing").$type<Pricing>().notNull(),
    /** Scenario-format `schedule` array (each item validated by the engine's `ScheduleItemSchema`). */
    schedule: jsonb("schedule").$type<ScheduleItem[]>().notNull(),
    /** Percent as a decimal string, one of engine VAT_RATES ("20", "5.5"…). */
    vatRate: text("vat_rate").notNull().default("20"),
    vatExemption: text("vat_exemption"),
    /** Overrides the client's / seller's payment terms when set. */
    paymentTerms: jsonb("payment_terms").$type<PaymentTerms>(),
    status: text("status", { enum: ["active", "closed"] }).notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contracts_project_idx").on(t.projectId),
    check("contracts_vat_rate_check", sql`${t.vatRate} in ('20', '10', '5.5', '2.1', '0')`),
    check("contracts_status_check", sql`${t.status} in ('active', 'closed')`),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;
export type NewProjectRow = typeof projects.$inferInsert;
export type ContractRow = typeof contracts.$inferSelect;
export type NewContractRow = typeof contracts.$inferInsert;
