import { sql } from "drizzle-orm";
import { check, index, jsonb, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const PENDING_STATUSES = ["pending", "executing", "executed", "declined", "cancelled", "expired", "failed"] as const;
export type PendingStatus = (typeof PENDING_STATUSES)[number];

/**
 * Monetary actions waiting for a human: payload + digest (sha256 of canonical JSON) + expiry.
 * Execution is one conditional update (pending, digest equal, not expired); the id doubles as the
 * idempotency key of what it executes.
 */
export const pendingActions = pgTable(
  "pending_actions",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    digest: text("digest").notNull(),
    /** Amount at stake (TTC), for approval thresholds; null when not monetary. */
    amount: numeric("amount", { precision: 14, scale: 2 }),
    status: text("status", { enum: PENDING_STATUSES }).notNull().default("pending"),
    requestedBy: text("requested_by").notNull(),
    requestedChannel: text("requested_channel"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    confirmedBy: text("confirmed_by"),
    channel: text("channel"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    result: jsonb("result").$type<unknown>(),
    error: text("error"),
  },
  (t) => [
    index("pending_actions_status_idx").on(t.status, t.expiresAt),
    check("pending_actions_status_check", sql`${t.status} in ('pending', 'executing', 'executed', 'declined', 'cancelled', 'expired', 'failed')`),
  ],
);

export type PendingActionRow = typeof pendingActions.$inferSelect;
