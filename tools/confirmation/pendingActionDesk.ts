import { z } from "zod";
import { NotFoundError } from "../../engine/errors.js";
import type { Session } from "../session.js";
import { ActionOutcomeSchema, type ActionOutcome } from "./actionDefinition.js";
import { ActionPreviewSchema } from "./actionPreview.js";
import type { ConfirmationDeps } from "./confirmationDeps.js";
import { confirmPendingAction, type ConfirmRequest } from "./confirmPendingAction.js";
import { declinePendingAction } from "./declinePendingAction.js";
import { actionDigest } from "../../db/canonicalDigest.js";
import { ActionKindSchema } from "./actionKind.js";
import { PendingActionStatusSchema, type PendingAction } from "./pendingAction.js";

/** A pending action as a human inspects it: the preview and the digest recomputed from the stored payload. */
export const PendingActionViewSchema = z.object({
  id: z.string(),
  kind: ActionKindSchema,
  status: PendingActionStatusSchema,
  requestedBy: z.string(),
  requestedChannel: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  preview: ActionPreviewSchema,
  /** sha256 of what the preview was rendered from; the confirmation is bound to it. */
  digest: z.string(),
});
export type PendingActionView = z.infer<typeof PendingActionViewSchema>;

/**
 * The out-of-band desk: what `facturation confirm` / `facturation pending` use, either directly on
 * the database or through the running server's control socket (same operations, same checks).
 */
export interface PendingActionDesk {
  list(): Promise<PendingActionView[]>;
  show(id: string): Promise<PendingActionView>;
  confirm(request: ConfirmRequest): Promise<ActionOutcome>;
  decline(request: { readonly actionId: string; readonly by: Session }): Promise<void>;
}

export function viewOf(deps: ConfirmationDeps, action: PendingAction): PendingActionView {
  return {
    id: action.id,
    kind: action.kind,
    status: action.status,
    requestedBy: action.requestedBy,
    requestedChannel: action.requestedChannel,
    createdAt: action.createdAt.toISOString(),
    expiresAt: action.expiresAt.toISOString(),
    preview: deps.actions.get(action.kind).previewOf(action.payload),
    digest: actionDigest(action.kind, action.payload),
  };
}

/** The desk over the database (this process owns it). */
export function localDesk(deps: ConfirmationDeps): PendingActionDesk {
  return {
    list: async () => (await deps.store.listPending(deps.now())).map((action) => viewOf(deps, action)),
    async show(id) {
      const action = await deps.store.get(id);
      if (!action) throw new NotFoundError(`aucune action en attente avec l'identifiant ${id}`, { field: "id" });
      return viewOf(deps, action);
    },
    confirm: async (request) => ActionOutcomeSchema.parse(await confirmPendingAction(deps, request)),
    decline: (request) => declinePendingAction(deps, { actionId: request.actionId, by: request.by, answer: "declined" }),
  };
}
