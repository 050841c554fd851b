import { z } from "zod";
import { ActionKindSchema } from "./actionKind.js";
import { ActionPreviewSchema } from "./actionPreview.js";

/**
 * The structured answer of every monetary tool. `executed` only after a human accepted; otherwise
 * the action is `pending` (with the out-of-band command), `declined` or `cancelled` (nothing done).
 */
export const ProposalResultSchema = z.object({
  status: z.enum(["executed", "pending", "declined", "cancelled"]),
  kind: ActionKindSchema,
  /** The shape the agent runtime collects (`agents/runtime/pendingActionRef.ts`). */
  pendingAction: z.object({
    id: z.string().describe("identifiant de l'action (clé d'idempotence)"),
    summary: z.string().describe("aperçu en français, calculé à partir du contenu enregistré"),
    expiresAt: z.iso.datetime(),
  }),
  preview: ActionPreviewSchema,
  pendingReason: z.enum(["no_elicitation", "finance_approval_required", "no_answer"]).optional(),
  confirmCommand: z.string().optional().describe("commande que l'utilisateur doit lancer lui-même dans un terminal"),
  confirmUrl: z.string().optional().describe("page de l'espace de travail où l'utilisateur, connecté avec son jeton, confirme ou refuse lui-même l'action"),
  result: z.record(z.string(), z.json()).optional(),
});
export type ProposalResult = z.infer<typeof ProposalResultSchema>;
