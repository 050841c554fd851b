import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { invoices } from "./invoices.js";
import { contracts } from "./projects.js";

export const EVENT_TYPES = ["signature", "start", "action", "state", "event", "progress"] as const;

/**
 * What happened on a contract, in the scenario format's terms: signature, start, action / time entry
 * (name + quantity in the pricing unit), state, named event, progress of a lot (cumulative percent or amount).
 * `billedInvoiceId` marks realized work already billed (set when the invoice billing it is issued).
 */
export const events = pgTable(
  "events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    ref: text("ref").unique(),
    contractId: integer("contract_id").notNull().references(() => contracts.id),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    /** Action, state, event name. */
    name: text("name"),
    quantity: numeric("quantity", { precision: 14, scale: 4 }),
    description: text("description"),
    /** Progress events: the lot and its cumulative percent, or cumulative amount. */
    lot: text("lot"),
    percent: numeric("percent", { precision: 7, scale: 4 }),
    amount: numeric("amount", { precision: 14, scale: 2 }),
    billedInvoiceId: integer("billed_invoice_id").references(() => invoices.id),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_contract_date_idx").on(t.contractId, t.occurredOn),
    check("events_type_check", sql`${t.type} in ('signature', 'start', 'action', 'state', 'event', 'progress')`),
    check("events_quantity_check", sql`${t.quantity} is null or ${t.quantity} >= 0`),
    check("events_percent_check", sql`${t.percent} is null or (${t.percent} >= 0 and ${t.percent} <= 100)`),
  ],
);

export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
