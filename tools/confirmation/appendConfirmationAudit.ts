import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import stableStringify from "fast-json-stable-stringify";
import { auditHead, auditLog } from "../../db/schema/audit.js";
import type { ToolDatabase } from "../toolDatabase.js";
import type { ConfirmationAuditEvent } from "./confirmationStore.js";

/**
 * Appends one gate event to the hash-chained audit log, following the chain rule of
 * `db/schema/audit.ts`: lock `audit_head`, hash = sha256(prev_hash + canonical JSON of the row
 * without its hash), then move the head. Must run inside a transaction (it opens one otherwise).
 */
export async function appendConfirmationAudit(db: ToolDatabase, event: ConfirmationAuditEvent): Promise<void> {
  await db.transaction(async (tx) => {
    const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for("update");
    if (!head) throw new Error("audit_head is missing (migrations not applied?)");
    const row = {
      seq: head.lastSeq + 1,
      at: event.at.toISOString(),
      actor: event.actor,
      channel: event.channel,
      action: event.event,
      subjectType: "pending_action",
      subjectId: event.actionId,
      pendingActionId: event.actionId,
      payloadDigest: event.digest,
      details: { kind: event.kind, role: event.role, ...(event.detail !== undefined ? { detail: event.detail } : {}) },
      prevHash: head.lastHash,
    };
    const hash = createHash("sha256").update(head.lastHash + stableStringify(row)).digest("hex");
    await tx.insert(auditLog).values({ ...row, at: event.at, hash });
    await tx.update(auditHead).set({ lastSeq: row.seq, lastHash: hash }).where(eq(auditHead.id, sql`1`));
  });
}
