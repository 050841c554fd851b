import { z } from "zod";
import { PENDING_STATUSES } from "../../db/schema/pendingActions.js";
import { ActionKindSchema } from "./actionKind.js";

/**
 * A proposed monetary action waiting for a human. It is plain, serialisable data: it survives
 * the process that proposed it and is confirmed from another one (`facturation confirm <id>`).
 * Its id doubles as the idempotency key of the execution.
 */
export const PendingActionStatusSchema = z.enum(PENDING_STATUSES);
export type PendingActionStatus = z.infer<typeof PendingActionStatusSchema>;

export const PendingActionSchema = z.object({
  id: z.string(),
  kind: ActionKindSchema,
  payload: z.json(),
  digest: z.string(),
  status: PendingActionStatusSchema,
  requestedBy: z.string(),
  requestedChannel: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
  confirmedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  result: z.json().nullable(),
  error: z.string().nullable(),
});
export type PendingAction = z.infer<typeof PendingActionSchema>;

/** French wording of a status, for people. */
export const STATUS_FR: Readonly<Record<PendingActionStatus, string>> = {
  pending: "en attente de confirmation",
  executing: "en cours d'exécution",
  executed: "déjà exécutée",
  declined: "refusée",
  cancelled: "annulée",
  expired: "expirée",
  failed: "rejetée",
};
