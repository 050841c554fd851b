import { eq } from "drizzle-orm";
import { SystemError } from "../../engine/errors.js";
import type { Database } from "../database.js";
import { auditHead, auditLog, type AuditLogRow } from "../schema/audit.js";
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
  return db.transaction(async (tx) => {
    const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for("update");
    if (!head) throw new SystemError("tête de la chaîne d'audit absente (migration incomplète)", { code: "audit_head_missing" });
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
    const row: AuditLogRow = { ...base, hash: auditRowHash(base) };
    await tx.insert(auditLog).values(row);
    await tx.update(auditHead).set({ lastSeq: row.seq, lastHash: row.hash }).where(eq(auditHead.id, 1));
    return row;
  });
}
