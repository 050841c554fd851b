import { and, asc, eq, gt } from "drizzle-orm";
import { pendingActions, type PendingActionRow } from "../../db/schema/pendingActions.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { appendConfirmationAudit } from "./appendConfirmationAudit.js";
import type { ConfirmationStore } from "./confirmationStore.js";
import { PendingActionSchema, type PendingAction } from "./pendingAction.js";

function toPendingAction(row: PendingActionRow): PendingAction {
  return PendingActionSchema.parse({
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    digest: row.digest,
    status: row.status,
    requestedBy: row.requestedBy,
    requestedChannel: row.requestedChannel,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    confirmedBy: row.confirmedBy,
    decidedAt: row.decidedAt,
    result: row.result ?? null,
    error: row.error,
  });
}

/** The gate's persistence over the `pending_actions` table and the audit log. */
export function dbConfirmationStore(db: ToolDatabase): ConfirmationStore {
  return {
    async create(action) {
      const [row] = await db
        .insert(pendingActions)
        .values({
          id: action.id,
          kind: action.kind,
          payload: action.payload,
          digest: action.digest,
          amount: action.amount,
          status: "pending",
          requestedBy: action.requestedBy,
          requestedChannel: action.channel,
          createdAt: action.createdAt,
          expiresAt: action.expiresAt,
        })
        .returning();
      if (!row) throw new Error("pending action insert returned no row");
      return toPendingAction(row);
    },

    async get(id) {
      const [row] = await db.select().from(pendingActions).where(eq(pendingActions.id, id));
      return row ? toPendingAction(row) : undefined;
    },

    async listPending(now) {
      const rows = await db
        .select()
        .from(pendingActions)
        .where(and(eq(pendingActions.status, "pending"), gt(pendingActions.expiresAt, now)))
        .orderBy(asc(pendingActions.createdAt));
      return rows.map(toPendingAction);
    },

    async close(id, status, decision) {
      const closed = await db
        .update(pendingActions)
        .set({ status, confirmedBy: decision.by, channel: decision.channel, decidedAt: decision.at, error: decision.error ?? null })
        .where(and(eq(pendingActions.id, id), eq(pendingActions.status, "pending")))
        .returning({ id: pendingActions.id });
      return closed.length === 1;
    },

    async executeOnce(claim, run, executed) {
      return db.transaction(async (tx) => {
        // The single conditional update: pending, same digest, not expired. A racing or replayed
        // confirmation finds no row (on PostgreSQL it waits for the row lock, then re-checks).
        const claimed = await tx
          .update(pendingActions)
          .set({ status: "executed", confirmedBy: claim.by, channel: claim.channel, decidedAt: claim.at })
          .where(
            and(
              eq(pendingActions.id, claim.id),
              eq(pendingActions.status, "pending"),
              eq(pendingActions.digest, claim.digest),
              gt(pendingActions.expiresAt, claim.at),
            ),
          )
          .returning({ id: pendingActions.id });
        if (claimed.length === 0) return { claimed: false as const };
        const { value, result } = await run(tx);
        await tx.update(pendingActions).set({ result }).where(eq(pendingActions.id, claim.id));
        await appendConfirmationAudit(tx, executed);
        return { claimed: true as const, value };
      });
    },

    audit: (event) => appendConfirmationAudit(db, event),
  };
}
