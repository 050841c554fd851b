import { BillingError, NotFoundError, RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import type { Session } from "../session.js";
import type { ActionOutcome } from "./actionDefinition.js";
import type { ConfirmationDeps } from "./confirmationDeps.js";
import { mayConfirm } from "./confirmationPolicy.js";
import { actionDigest } from "../../db/canonicalDigest.js";
import { STATUS_FR } from "./pendingAction.js";

export interface ConfirmRequest {
  readonly actionId: string;
  /** The digest of the payload the human was shown (recomputed from what was displayed). */
  readonly digest: string;
  /** From the session or the terminal — never from a model. */
  readonly confirmer: Session;
}

/**
 * The only way a pending action is executed, whatever the channel (elicitation accept, terminal,
 * `facturation confirm`, the control socket). It runs the action's executor only when the action
 * is still pending, not expired, its stored payload still has the digest it was proposed with and
 * the one the human saw, and the confirmer's role is allowed; the claim is one conditional update,
 * so a replay or a racing confirmation finds nothing to claim. Every refusal is audited.
 */
export async function confirmPendingAction(deps: ConfirmationDeps, request: ConfirmRequest): Promise<ActionOutcome> {
  const now = deps.now();
  const pending = await deps.store.get(request.actionId);
  if (!pending) throw new NotFoundError(`aucune action en attente avec l'identifiant ${request.actionId}`, { field: "id" });
  const base = { actionId: pending.id, kind: pending.kind, actor: request.confirmer.userId, role: request.confirmer.role, channel: request.confirmer.channel, at: now };

  if (pending.status !== "pending") {
    await deps.store.audit({ ...base, event: "action_replay_refused", digest: pending.digest, detail: pending.status });
    throw new RuleError(`cette action est ${STATUS_FR[pending.status]} : elle ne peut plus être confirmée`, { field: "id", code: "action_not_pending" });
  }
  if (pending.expiresAt.getTime() <= now.getTime()) {
    await deps.store.close(pending.id, "expired", { by: request.confirmer.userId, channel: request.confirmer.channel, at: now });
    await deps.store.audit({ ...base, event: "action_expired", digest: pending.digest });
    throw new RuleError("cette action a expiré sans être confirmée : rien n'a été fait, relancez la demande", { field: "id", code: "action_expired" });
  }
  const storedDigest = actionDigest(pending.kind, pending.payload);
  if (storedDigest !== pending.digest || request.digest !== pending.digest) {
    await deps.store.close(pending.id, "failed", { by: request.confirmer.userId, channel: request.confirmer.channel, at: now, error: "tampered" });
    await deps.store.audit({ ...base, event: "action_tampered", digest: pending.digest, detail: `vu ${request.digest}, stocké ${storedDigest}` });
    throw new RuleError("le contenu de cette action a changé depuis sa proposition : rien n'a été fait, une nouvelle proposition est nécessaire", {
      field: "id",
      code: "action_tampered",
    });
  }
  const action = deps.actions.get(pending.kind);
  const preview = action.previewOf(pending.payload);
  const policy = await deps.policy();
  if (!mayConfirm(policy, request.confirmer.role, preview)) {
    await deps.store.audit({ ...base, event: "action_role_refused", digest: pending.digest });
    throw new RuleError(
      `au-delà de ${formatEuros(policy.financeThreshold)}, seul un rôle ${policy.financeRoles.join(" ou ")} peut confirmer (rôle actuel : ${request.confirmer.role}) ; l'action reste en attente`,
      { field: "role", code: "finance_approval_required" },
    );
  }

  let claimed;
  try {
    claimed = await deps.store.executeOnce(
      { id: pending.id, digest: pending.digest, by: request.confirmer.userId, channel: request.confirmer.channel, at: now },
      async (db) => {
        const outcome = await action.execute(pending.payload, {
          db,
          today: deps.today(),
          actionId: pending.id,
          requestedBy: pending.requestedBy,
          confirmedBy: request.confirmer,
        });
        return { value: outcome, result: outcome.result };
      },
      { ...base, event: "action_executed", digest: pending.digest },
    );
  } catch (error) {
    // A refused execution (e.g. the draft was invoiced meanwhile) rolled back: nothing was done.
    // It is closed as failed and audited; an unexpected error leaves it pending (retryable).
    if (error instanceof BillingError) {
      await deps.store.close(pending.id, "failed", { by: request.confirmer.userId, channel: request.confirmer.channel, at: now, error: error.message });
      await deps.store.audit({ ...base, event: "action_failed", digest: pending.digest, detail: error.message });
    }
    throw error;
  }
  if (!claimed.claimed) {
    await deps.store.audit({ ...base, event: "action_replay_refused", digest: pending.digest, detail: "déjà réclamée" });
    throw new RuleError("cette action vient d'être confirmée ou close par ailleurs : elle n'a pas été exécutée une seconde fois", {
      field: "id",
      code: "action_not_pending",
    });
  }
  return claimed.value;
}
