import {
  claimPendingAction,
  closePendingAction,
  completePendingAction,
  findPendingAction,
  insertPendingAction,
  listPendingActions,
  type PendingAction as StoredPendingAction,
} from "../../db/repositories/pendingActions.js";
import { toDecimal } from "../../engine/money/money.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { appendConfirmationAudit } from "./appendConfirmationAudit.js";
import type { ConfirmationStore } from "./confirmationStore.js";
import { PendingActionSchema, type PendingAction } from "./pendingAction.js";

function toPendingAction(stored: StoredPendingAction): PendingAction {
  return PendingActionSchema.parse({
    id: stored.id,
    kind: stored.kind,
    payload: stored.payload,
    digest: stored.digest,
    status: stored.status,
    requestedBy: stored.requestedBy,
    requestedChannel: stored.requestedChannel,
    createdAt: stored.createdAt,
    expiresAt: stored.expiresAt,
    confirmedBy: stored.confirmedBy,
    decidedAt: stored.decidedAt,
    result: stored.result ?? null,
    error: stored.error,
  });
}

/**
 * The gate's persistence: the db layer's pending-actions repository (the only code that writes
 * `pending_actions`, and the only digest formula) plus the hash-chained audit log. No SQL here.
 */
export function dbConfirmationStore(db: ToolDatabase): ConfirmationStore {
  return {
    async create(action) {
      const stored = await insertPendingAction(db, {
        id: action.id,
        kind: action.kind,
        payload: action.payload,
        amount: toDecimal(action.amount),
        requestedBy: action.requestedBy,
        requestedChannel: action.channel,
        createdAt: action.createdAt,
        expiresAt: action.expiresAt,
      });
      return toPendingAction(stored);
    },

    async get(id) {
      const stored = await findPendingAction(db, id);
      return stored ? toPendingAction(stored) : undefined;
    },

    listPending: async (now) => (await listPendingActions(db, { now })).map(toPendingAction),

    async close(id, status, decision) {
      const closed = await closePendingAction(db, id, status, { by: decision.by, channel: decision.channel, at: decision.at, error: decision.error ?? null });
      return closed !== undefined;
    },

    async executeOnce(claim, run, executed) {
      return db.transaction(async (tx) => {
        const claimed = await claimPendingAction(tx, { id: claim.id, digest: claim.digest, confirmer: claim.by, channel: claim.channel, now: claim.at });
        if (!claimed) return { claimed: false as const };
        const { value, result } = await run(tx);
        await completePendingAction(tx, claim.id, result);
        await appendConfirmationAudit(tx, executed);
        return { claimed: true as const, value };
      });
    },

    audit: (event) => appendConfirmationAudit(db, event),
  };
}
