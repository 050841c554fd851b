import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { invoices } from "./invoices.js";
import { lifecycleMessages } from "./lifecycle.js";

export const FLOW_SYNTAXES = ["Factur-X", "CDAR"] as const;
export const DEPOSIT_OUTCOMES = ["deposited", "already_deposited", "failed", "refused"] as const;
export type DepositOutcome = (typeof DEPOSIT_OUTCOMES)[number];

/**
 * The durable outbox of the Plateforme Agréée: one row per document to deposit with `POST /v1/flows`
 * (an issued invoice, deposit or credit note — written by a trigger in the issuing transaction —, or a
 * lifecycle message we emit). Append-only; its tracking id (the invoice number for an invoice) makes the
 * deposit idempotent on the platform's side.
 */
export const paTransmissions = pgTable(
  "pa_transmissions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    invoiceId: integer("invoice_id").notNull().references(() => invoices.id),
    /** Null: the invoice's own document; set: a lifecycle message about it (212…). */
    lifecycleMessageId: integer("lifecycle_message_id").references(() => lifecycleMessages.id),
    trackingId: text("tracking_id").notNull().unique(),
    flowSyntax: text("flow_syntax", { enum: FLOW_SYNTAXES }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pa_transmissions_document_idx").on(t.invoiceId).where(sql`${t.lifecycleMessageId} is null`),
    uniqueIndex("pa_transmissions_message_idx").on(t.lifecycleMessageId),
    check("pa_transmissions_syntax_check", sql`${t.flowSyntax} in ('Factur-X', 'CDAR')`),
  ],
);

/**
 * Every attempt to deposit a transmission, append-only: `deposited` (202, with the flow id),
 * `already_deposited` (the platform already had this tracking id: not an error), `failed` (network
 * error, 429 or 5xx: retried at `retry_at`, with backoff) or `refused` (another 4xx: the request or the
 * file is wrong; retried only on demand). At most one success per transmission.
 */
export const paDepositAttempts = pgTable(
  "pa_deposit_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    transmissionId: integer("transmission_id").notNull().references(() => paTransmissions.id),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull(),
    outcome: text("outcome", { enum: DEPOSIT_OUTCOMES }).notNull(),
    httpStatus: integer("http_status"),
    flowId: text("flow_id"),
    /** `submittedAt` as the platform answered it (its clock). */
    submittedAt: text("submitted_at"),
    sha256: text("sha256"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    retryAt: timestamp("retry_at", { withTimezone: true }),
  },
  (t) => [
    index("pa_deposit_attempts_transmission_idx").on(t.transmissionId),
    uniqueIndex("pa_deposit_attempts_success_idx").on(t.transmissionId).where(sql`${t.outcome} in ('deposited', 'already_deposited')`),
    check("pa_deposit_attempts_outcome_check", sql`${t.outcome} in ('deposited', 'already_deposited', 'failed', 'refused')`),
  ],
);

export type PaTransmissionRow = typeof paTransmissions.$inferSelect;
export type PaDepositAttemptRow = typeof paDepositAttempts.$inferSelect;
