import { BillingError } from "../../engine/errors.js";
import { renderActionPreview } from "../../tools/confirmation/actionPreview.js";
import type { PendingActionDesk } from "../../tools/confirmation/pendingActionDesk.js";
import type { Session } from "../../tools/session.js";
import type { PendingActionRef } from "./pendingActionRef.js";

/** What became of a pending action once the runtime asked the human. */
export interface ConfirmationOutcome {
  readonly actionId: string;
  readonly kind: PendingActionRef["kind"];
  /** executed; declined (nothing done); pending (left for `facturation confirm`); refused by the gate (role, expiry…). */
  readonly status: "executed" | "declined" | "pending" | "refused";
  /** French, for the user. */
  readonly text: string;
  readonly result?: Readonly<Record<string, unknown>>;
}

/** Asks the human about one pending action, through a channel the model cannot write to. */
export type HumanConfirmation = (action: PendingActionRef) => Promise<ConfirmationOutcome>;

export interface DeskConfirmationOptions {
  /** The gate's out-of-band desk (same code path as `facturation confirm`). */
  readonly desk: PendingActionDesk;
  /** Who is at the terminal (from `--user` / `--role`, never from a model). */
  readonly session: Session;
  /** Shows text to the human. */
  readonly show: (text: string) => void;
  /** Asks the human a question and returns the answer typed (the next input line when scripted). */
  readonly ask: (question: string) => Promise<string>;
}

const YES = /^\s*(o|oui|y|yes)\s*$/i;

/**
 * The chat's confirmation: the runtime (not the model) shows the exact action — the preview the
 * gate renders from the STORED payload — asks "Confirmer ? (o/N)", and on "o"/"oui" confirms it
 * through the gate's desk, bound to the digest of what was shown and to the session's role (above
 * the finance threshold a project manager is refused and the action stays pending). Anything
 * else declines it: nothing is done.
 */
export function deskConfirmation(options: DeskConfirmationOptions): HumanConfirmation {
  const { desk, session, show, ask } = options;
  return async (action) => {
    const base = { actionId: action.pendingAction.id, kind: action.kind };
    const view = await desk.show(action.pendingAction.id);
    if (view.status !== "pending") return { ...base, status: "refused", text: "Cette action n'est plus en attente : rien n'a été fait." };
    show(`\nAction à confirmer (réf. ${view.id}) :\n${renderActionPreview(view.preview)}`);
    const answer = await ask("Confirmer ? (o/N) ");
    if (!YES.test(answer)) {
      await desk.decline({ actionId: view.id, by: session });
      return { ...base, status: "declined", text: "Action refusée : rien n'a été fait." };
    }
    try {
      const outcome = await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: session });
      return { ...base, status: "executed", text: outcome.text, result: outcome.result };
    } catch (error) {
      if (!(error instanceof BillingError)) throw error;
      const stillPending = error.code === "finance_approval_required";
      return {
        ...base,
        status: stillPending ? "pending" : "refused",
        text: stillPending ? `${error.message}. Une personne habilitée peut la confirmer avec « facturation confirm ${view.id} ».` : `Non exécutée : ${error.message}`,
      };
    }
  };
}

/** No human at hand (`facturation ask`): the action stays pending for `facturation confirm <id>`. */
export const leavePending: HumanConfirmation = async (action) => ({
  actionId: action.pendingAction.id,
  kind: action.kind,
  status: "pending",
  text: `Rien n'a encore été fait : confirmez vous-même dans un terminal avec « facturation confirm ${action.pendingAction.id} ».`,
});
