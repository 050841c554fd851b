import { canonicalJson, sha256Hex } from "../canonicalDigest.js";
import type { AuditLogRow } from "../schema/audit.js";

export const GENESIS_HASH = "0".repeat(64);

/** The hashed content of an audit row: every column except `hash`, timestamps as ISO strings. */
export function auditRowContent(row: Omit<AuditLogRow, "hash">): Record<string, unknown> {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    channel: row.channel,
    action: row.action,
    subjectType: row.subjectType ?? null,
    subjectId: row.subjectId ?? null,
    pendingActionId: row.pendingActionId ?? null,
    payloadDigest: row.payloadDigest ?? null,
    details: row.details,
    prevHash: row.prevHash,
  };
}

/** hash = sha256(prev hash + canonical JSON of the row without its hash). */
export function auditRowHash(row: Omit<AuditLogRow, "hash">): string {
  return sha256Hex(row.prevHash + canonicalJson(auditRowContent(row)));
}
