import type { ToolDatabase } from "../toolDatabase.js";
import type { Channel, Role } from "../session.js";
import type { ActionKind } from "./actionKind.js";
import type { PendingAction } from "./pendingAction.js";

/** What the gate writes in the audit log: who, when, through which channel, and the payload digest. */
export interface ConfirmationAuditEvent {
  readonly event:
    | "action_proposed"
    | "action_executed"
    | "action_failed"
    | "action_declined"
    | "action_cancelled"
    | "action_expired"
    | "action_tampered"
    | "action_replay_refused"
    | "action_role_refused"
    | "action_awaiting_out_of_band";
  readonly actionId: string;
  readonly kind: ActionKind;
  readonly digest: string;
  readonly actor: string;
  readonly role: Role;
  readonly channel: Channel;
  readonly at: Date;
  readonly detail?: string | undefined;
}

export interface NewPendingAction {
  readonly id: string;
  readonly kind: ActionKind;
  /** Stored as JSON; the store computes the digest (`actionDigest`) from what it stored. */
  readonly payload: unknown;
  /** The amount at stake (decimal string), for thresholds and listings. */
  readonly amount: string;
  readonly requestedBy: string;
  readonly channel: Channel;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * The persistence the confirmation gate needs (implemented over the db layer's pending-actions
 * repository and audit log). `executeOnce` is the single conditional update: it claims the row
 * only while it is pending, carries `digest` and is not expired, runs `run` in the same
 * transaction, stores its result and audits `executed`; if `run` throws, everything rolls back — so two racing confirmations execute exactly once.
 */
export interface ConfirmationStore {
  create(action: NewPendingAction): Promise<PendingAction>;
  get(id: string): Promise<PendingAction | undefined>;
  listPending(now: Date): Promise<PendingAction[]>;
  /** pending → `status`; false when it was no longer pending. `failed` carries the reason (e.g. tampering). */
  close(
    id: string,
    status: "declined" | "cancelled" | "expired" | "failed",
    decision: { readonly by: string; readonly channel: Channel; readonly at: Date; readonly error?: string },
  ): Promise<boolean>;
  executeOnce<T>(
    claim: { readonly id: string; readonly digest: string; readonly by: string; readonly channel: Channel; readonly at: Date },
    run: (db: ToolDatabase) => Promise<{ readonly value: T; readonly result: unknown }>,
    /** Written in the same transaction as the execution. */
    executed: ConfirmationAuditEvent,
  ): Promise<{ readonly claimed: false } | { readonly claimed: true; readonly value: T }>;
  audit(event: ConfirmationAuditEvent): Promise<void>;
}
