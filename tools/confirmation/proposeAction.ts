import { randomUUID } from "node:crypto";
import { SystemError } from "../../engine/errors.js";
import type { Session } from "../session.js";
import type { Action } from "./actionDefinition.js";
import { renderActionPreview } from "./actionPreview.js";
import type { ConfirmationChannel } from "./confirmationChannel.js";
import type { ConfirmationDeps } from "./confirmationDeps.js";
import { requiresFinanceApproval } from "./confirmationPolicy.js";
import { confirmPendingAction } from "./confirmPendingAction.js";
import { declinePendingAction } from "./declinePendingAction.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import type { ProposalResult } from "./proposalResult.js";

/** A monetary tool's two faces: the structured result and a short French sentence. */
export interface Proposal {
  readonly structured: ProposalResult;
  readonly text: string;
}

/**
 * The first half of the gate, called by every monetary tool: store the exact payload as a
 * pending action (digest, expiry, who asked), then ask the human on `channel` when there is
 * one. Nothing is executed unless the human accepts there — and above the finance threshold an
 * untrusted channel (an MCP client's form) is not even asked: the action waits for
 * `facturation confirm <id>` by a finance role.
 */
export async function proposeAction(
  deps: ConfirmationDeps,
  session: Session,
  channel: ConfirmationChannel | undefined,
  action: Action,
  payload: unknown,
): Promise<Proposal> {
  if (!deps.actions.has(action)) throw new SystemError(`l'action ${action.kind} n'a pas d'exécuteur enregistré`, { code: "unregistered_action" });
  const parsed = action.parsePayload(payload);
  const preview = action.previewOf(parsed);
  const policy = await deps.policy();
  const createdAt = deps.now();
  const expiresAt = new Date(createdAt.getTime() + policy.ttlMinutes * 60_000);
  const pending = await deps.store.create({
    id: randomUUID(),
    kind: action.kind,
    payload: parsed,
    amount: preview.amountAtStake,
    requestedBy: session.userId,
    channel: session.channel,
    createdAt,
    expiresAt,
  });
  const digest = pending.digest;
  const audit = { actionId: pending.id, kind: pending.kind, digest, actor: session.userId, role: session.role, channel: session.channel };
  await deps.store.audit({ ...audit, event: "action_proposed", at: createdAt });

  const summary = renderActionPreview(preview);
  const base = { kind: pending.kind, pendingAction: { id: pending.id, summary, expiresAt: expiresAt.toISOString() }, preview };
  const command = `facturation confirm ${pending.id}`;
  const waiting = async (pendingReason: NonNullable<ProposalResult["pendingReason"]>): Promise<Proposal> => {
    await deps.store.audit({ ...audit, event: "action_awaiting_out_of_band", at: deps.now(), detail: pendingReason });
    const why = {
      no_elicitation: "Ce client ne permet pas de demander la confirmation ici.",
      finance_approval_required: `Montant supérieur à ${formatEuros(policy.financeThreshold)} : un rôle finance doit confirmer, hors de cette conversation.`,
      no_answer: "Pas de réponse à la demande de confirmation.",
    }[pendingReason];
    const url = deps.confirmationUrl?.(pending.id);
    return {
      structured: { ...base, status: "pending", pendingReason, confirmCommand: command, ...(url ? { confirmUrl: url } : {}) },
      text:
        `Rien n'a encore été fait. ${why} L'action ${pending.id} reste en attente ${policy.ttlMinutes} minutes : l'utilisateur doit lancer lui-même « ${command} » dans un terminal` +
        (url ? ` ou l'ouvrir sur la page ${url} (connexion avec son jeton).` : "."),
    };
  };

  if (!channel) return waiting("no_elicitation");
  if (requiresFinanceApproval(policy, preview) && (!channel.trusted || !policy.financeRoles.includes(session.role))) {
    return waiting("finance_approval_required");
  }
  const answer = await channel.ask({ actionId: pending.id, preview, text: summary });
  switch (answer) {
    case "accept": {
      const outcome = await confirmPendingAction(deps, { actionId: pending.id, digest, confirmer: session });
      return { structured: { ...base, status: "executed", result: outcome.result }, text: outcome.text };
    }
    case "decline":
      await declinePendingAction(deps, { actionId: pending.id, by: session, answer: "declined" });
      return { structured: { ...base, status: "declined" }, text: "Refusé par l'utilisateur : rien n'a été fait." };
    case "cancel":
      await declinePendingAction(deps, { actionId: pending.id, by: session, answer: "cancelled" });
      return { structured: { ...base, status: "cancelled" }, text: "Demande annulée par l'utilisateur : rien n'a été fait." };
    case "no_answer":
      return waiting("no_answer");
  }
}
