import { appendAudit } from "../../db/audit/appendAudit.js";
import type { ToolDatabase } from "../toolDatabase.js";
import type { ConfirmationAuditEvent } from "./confirmationStore.js";

/** Appends one gate event to the db layer's hash-chained audit log (who, when, channel, digest). */
export async function appendConfirmationAudit(db: ToolDatabase, event: ConfirmationAuditEvent): Promise<void> {
  await appendAudit(db, {
    actor: event.actor,
    channel: event.channel,
    action: event.event,
    subjectType: "pending_action",
    subjectId: event.actionId,
    pendingActionId: event.actionId,
    payloadDigest: event.digest,
    details: { kind: event.kind, role: event.role, ...(event.detail !== undefined ? { detail: event.detail } : {}) },
    at: event.at,
  });
}
