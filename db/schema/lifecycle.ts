import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { invoices } from "./invoices.js";
import { payments } from "./payments.js";

/** One rate of a 212: TTC collected and its VAT, decimal strings. */
export interface CollectedAmountJson {
  readonly rate: string;
  readonly amount: string;
  readonly vat: string;
}

/**
 * The lifecycle messages the company emits (CDAR D22B), append-only: a 212 « Encaissée » per
 * collection (payment or imputed client credit allocated to a services invoice), with the amounts per
 * VAT rate and the exact XML deposited.
 */
export const lifecycleMessages = pgTable(
  "lifecycle_messages",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    invoiceId: integer("invoice_id").notNull().references(() => invoices.id),
    paymentId: integer("payment_id").notNull().references(() => payments.id),
    statusCode: text("status_code").notNull(),
    documentId: text("document_id").notNull().unique(),
    collectedOn: date("collected_on", { mode: "string" }).notNull(),
    amounts: jsonb("amounts").$type<CollectedAmountJson[]>().notNull(),
    xml: text("xml").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("lifecycle_messages_collection_idx").on(t.invoiceId, t.paymentId, t.statusCode),
    check("lifecycle_messages_status_check", sql`${t.statusCode} = '212'`),
  ],
);

export const LIFECYCLE_SOURCES = ["acknowledgement", "cdar"] as const;

/**
 * The statuses received from the platform about our invoices, append-only: the acknowledgement of a
 * deposited flow (Ok → 200 Déposée, Error → 213 Rejetée) and the lifecycle messages (CDAR) the platform
 * or the buyer sent (202 … 213). One row per (flow, status): reading them again changes nothing.
 */
export const lifecycleStatuses = pgTable(
  "lifecycle_statuses",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    invoiceId: integer("invoice_id").notNull().references(() => invoices.id),
    statusCode: text("status_code").notNull(),
    source: text("source", { enum: LIFECYCLE_SOURCES }).notNull(),
    /** The platform flow that carried it. */
    flowId: text("flow_id").notNull(),
    /** When it took effect (CDAR MDT-78, or the flow's updatedAt), local time as given. */
    occurredAt: text("occurred_at").notNull(),
    /** SE seller, BY buyer, WK platform (CDAR MDT-40). */
    issuerRole: text("issuer_role"),
    reasonCode: text("reason_code"),
    reason: text("reason"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lifecycle_statuses_invoice_idx").on(t.invoiceId),
    uniqueIndex("lifecycle_statuses_flow_idx").on(t.flowId, t.statusCode),
    check("lifecycle_statuses_source_check", sql`${t.source} in ('acknowledgement', 'cdar')`),
  ],
);

/** Where `pa sync` resumes: each run appends the `updatedAfter` it will use next (the latest flow update seen). */
export const paSyncRuns = pgTable("pa_sync_runs", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  updatedAfter: text("updated_after").notNull(),
  flowsSeen: integer("flows_seen").notNull(),
  ranAt: timestamp("ran_at", { withTimezone: true }).notNull().defaultNow(),
});

export type LifecycleMessageRow = typeof lifecycleMessages.$inferSelect;
export type LifecycleStatusRow = typeof lifecycleStatuses.$inferSelect;
