import { bigint, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Audit log, hash-chained: hash = sha256(prev_hash + canonical JSON of the row without its hash).
 * Append-only (triggers refuse UPDATE and DELETE). `seq` is assigned under the lock of `audit_head`,
 * so the chain is linear under concurrency.
 */
export const auditLog = pgTable("audit_log", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull(),
  actor: text("actor").notNull(),
  channel: text("channel").notNull(),
  /** e.g. proposed, confirmed, declined, cancelled, expired, tampered, executed, failed, invoice_issued, payment_recorded. */
  action: text("action").notNull(),
  subjectType: text("subject_type"),
  subjectId: text("subject_id"),
  pendingActionId: text("pending_action_id"),
  payloadDigest: text("payload_digest"),
  details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

/** One row (id 1): the last seq and hash of the chain; locked FOR UPDATE by every append. */
export const auditHead = pgTable("audit_head", {
  id: integer("id").primaryKey().default(1),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
  lastHash: text("last_hash").notNull(),
});

export type AuditLogRow = typeof auditLog.$inferSelect;
export type NewAuditLogRow = typeof auditLog.$inferInsert;
