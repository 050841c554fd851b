import { ProposalResultSchema, type ProposalResult } from "../../tools/confirmation/proposalResult.js";

/**
 * A monetary action a tool proposed and left waiting for the human (status `pending`): the
 * tools server's own `ProposalResult` — `pendingAction.{id, summary, expiresAt}`, its kind, the
 * preview (built from the stored payload, never from model text) and the out-of-band command.
 */
export type PendingActionRef = ProposalResult & { readonly status: "pending" };

/** The pending action a tool result announces, if any (executed, declined or cancelled proposals are not pending). */
export function extractPendingAction(structuredContent: unknown): PendingActionRef | undefined {
  const parsed = ProposalResultSchema.safeParse(structuredContent);
  if (!parsed.success || parsed.data.status !== "pending") return undefined;
  return { ...parsed.data, status: "pending" };
}
