import { eq, type SQL, sql } from "drizzle-orm";
import { SystemError } from "../../engine/errors.js";
import type { Database } from "../database.js";
import { auditHead, type AuditLogRow } from "../schema/audit.js";

type AuditHeadRow = typeof auditHead.$inferSelect;
import { auditRowHash } from "./auditHash.js";

export interface AuditEvent {
  readonly actor: string;
  /** cli, chat, mcp, http, import, system… */
  readonly channel: string;
  /** proposed, confirmed, declined, cancelled, expired, tampered, executed, failed, invoice_issued, payment_recorded… */
  readonly action: string;
  readonly subjectType?: string | undefined;
  readonly subjectId?: string | number | undefined;
  readonly pendingActionId?: string | undefined;
  readonly payloadDigest?: string | undefined;
  readonly details?: Record<string, unknown> | undefined;
  /** Defaults to the current time. */
  readonly at?: Date | undefined;
}

/**
 * Appends one row to the hash-chained audit log. The chain head row is locked FOR UPDATE, so
 * concurrent appends are serialised and the chain stays linear. Call it LAST in a transaction
 * (lock order: business rows → numbering series → audit head), so the head is held briefly.
 */
export async function appendAudit(db: Database, event: AuditEvent): Promise<AuditLogRow> {
  return db.transaction((tx) => appendAuditInTransaction(tx, event));
}

/**
 * `appendAudit` for a caller already inside a transaction (no savepoint): two round trips under the
 * head lock — read and lock the head, then insert the row and move the head in one statement.
 */
export async function appendAuditInTransaction(tx: Database, event: AuditEvent): Promise<AuditLogRow> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for("update");
  if (!head) throw new SystemError("tête de la chaîne d'audit absente (migration incomplète)", { code: "audit_head_missing" });
  const row = auditRowAfter(head, event);
  await tx.execute(sql`with ${auditRowWrites(row)} select 1`);
  return row;
}

/** The audit row that follows `head` (the chain head the caller holds locked FOR UPDATE). */
export function auditRowAfter(head: AuditHeadRow, event: AuditEvent): AuditLogRow {
  const base = {
    seq: head.lastSeq + 1,
    // Millisecond precision, so the timestamp round-trips through the database unchanged.
    at: new Date((event.at ?? new Date()).getTime()),
    actor: event.actor,
    channel: event.channel,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId === undefined ? null : String(event.subjectId),
    pendingActionId: event.pendingActionId ?? null,
    payloadDigest: event.payloadDigest ?? null,
    details: event.details ?? {},
    prevHash: head.lastHash,
  };
  return { ...base, hash: auditRowHash(base) };
}

/**
 * Two CTE items (`audit_row as (…), audit_head_moved as (…)`) that insert `row` and move the head to
 * it, for a statement that also does the caller's own writes (one round trip under the head lock).
 */
export function auditRowWrites(row: AuditLogRow): SQL {
  return sql`audit_row as (
      insert into audit_log (seq, at, actor, channel, action, subject_type, subject_id, pending_action_id, payload_digest, details, prev_hash, hash)
      values (${row.seq}, ${row.at.toISOString()}::timestamptz, ${row.actor}, ${row.channel}, ${row.action}, ${row.subjectType}, ${row.subjectId},
        ${row.pendingActionId}, ${row.payloadDigest}, ${JSON.stringify(row.details)}::jsonb, ${row.prevHash}, ${row.hash})),
    audit_head_moved as (update audit_head set last_seq = ${row.seq}, last_hash = ${row.hash} where id = 1)`;
}
