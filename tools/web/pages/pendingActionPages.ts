import { formatEuros } from "../../../engine/money/formatEuros.js";
import { toDecimal } from "../../../engine/money/money.js";
import type { ActionOutcome } from "../../confirmation/actionDefinition.js";
import { mayConfirm, requiresFinanceApproval } from "../../confirmation/confirmationPolicy.js";
import { STATUS_FR } from "../../confirmation/pendingAction.js";
import { describePendingAction } from "../../confirmation/pendingActionText.js";
import type { PageContext, PageResult } from "./pageResult.js";

/** GET /actions — the actions waiting for a human (what `facturation pending` lists). */
export async function actionsPage(ctx: PageContext): Promise<PageResult> {
  const views = await ctx.desk.list();
  return {
    kind: "page",
    page: "actions",
    title: "Actions en attente",
    nav: "actions",
    context: { actions: views.map((v) => ({ id: v.id, title: v.preview.title, client: v.preview.client, amount: v.preview.amountAtStake, requestedBy: v.requestedBy, expiresAt: v.expiresAt })) },
  };
}

/**
 * GET /actions/:id — the pending action exactly as `facturation confirm` shows it (the same text,
 * rendered from the stored payload), with « Confirmer » (retype the code shown here, as at the
 * terminal) and « Refuser ». Above the finance threshold a project manager sees why they cannot
 * confirm — and if they try, the desk refuses with the terminal's words.
 */
export async function actionPage(ctx: PageContext, id: string, newCode: (id: string) => string, outcome?: ActionOutcome): Promise<PageResult> {
  const view = await ctx.desk.show(id);
  const policy = await ctx.confirmation.policy();
  const pending = view.status === "pending" && new Date(view.expiresAt).getTime() > ctx.confirmation.now().getTime();
  const allowed = mayConfirm(policy, ctx.person.role, view.preview);
  const issue = ctx.url.searchParams.get("issue");
  // What the execution produced (the invoice number…), kept for the page that follows the confirmation.
  const number = outcome && typeof outcome.result.number === "string" ? outcome.result.number : undefined;
  return {
    kind: "page",
    page: "action",
    title: view.preview.title,
    nav: "actions",
    context: {
      view,
      statusLabel: STATUS_FR[view.status],
      text: describePendingAction(view),
      pending,
      showConfirmForm: pending,
      financeRequired: requiresFinanceApproval(policy, view.preview),
      financeNote: pending && !allowed ? `Au-delà de ${formatEuros(policy.financeThreshold)}, seul un rôle ${policy.financeRoles.join(" ou ")} peut confirmer : l'action reste en attente.` : null,
      // Shown to everyone, as the terminal asks everyone: above the threshold the desk refuses a role that may not confirm.
      code: pending ? newCode(id) : null,
      amount: formatEuros(toDecimal(view.preview.amountAtStake)),
      notice: issue === "confirmee" ? (outcome?.text ?? "Action confirmée et exécutée.") : issue === "refusee" ? "Action refusée : rien n'a été fait." : null,
      documentNumber: issue === "confirmee" ? number : undefined,
    },
  };
}
