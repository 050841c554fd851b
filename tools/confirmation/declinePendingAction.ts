import { NotFoundError, RuleError } from "../../engine/errors.js";
import type { Session } from "../session.js";
import type { ConfirmationDeps } from "./confirmationDeps.js";
import { STATUS_FR } from "./pendingAction.js";

/** A human said no (`declined`) or dismissed the question (`cancelled`): closed, audited, nothing executed. */
export async function declinePendingAction(
  deps: ConfirmationDeps,
  request: { readonly actionId: string; readonly by: Session; readonly answer: "declined" | "cancelled" },
): Promise<void> {
  const now = deps.now();
  const pending = await deps.store.get(request.actionId);
  if (!pending) throw new NotFoundError(`aucune action en attente avec l'identifiant ${request.actionId}`, { field: "id" });
  const closed = await deps.store.close(pending.id, request.answer, { by: request.by.userId, channel: request.by.channel, at: now });
  if (!closed) throw new RuleError(`cette action est ${STATUS_FR[pending.status]} : elle ne peut plus être refusée`, { field: "id", code: "action_not_pending" });
  await deps.store.audit({
    event: request.answer === "declined" ? "action_declined" : "action_cancelled",
    actionId: pending.id,
    kind: pending.kind,
    digest: pending.digest,
    actor: request.by.userId,
    role: request.by.role,
    channel: request.by.channel,
    at: now,
  });
}
