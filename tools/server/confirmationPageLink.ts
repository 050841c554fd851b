import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { RequestId } from "@modelcontextprotocol/sdk/types.js";
import { ProposalResultSchema } from "../confirmation/proposalResult.js";

/** Long enough for a person to say whether they open the page; the action waits for them anyway. */
export const URL_ELICITATION_TIMEOUT_MS = 60_000;

/**
 * After a monetary tool left its action pending with the workspace's confirmation page, a client that
 * declared URL-mode elicitation is asked to open that page (MCP `elicitation/create`, mode "url"): the
 * person signs in there and confirms or refuses; nothing is executed by this request, whatever the
 * answer. Other clients already have the link in the answer (`confirmUrl`). Returns whether it was asked.
 */
export async function offerConfirmationPage(
  server: Server,
  request: { readonly requestId: RequestId; readonly signal: AbortSignal },
  structured: unknown,
  timeoutMs: number = URL_ELICITATION_TIMEOUT_MS,
): Promise<boolean> {
  if (!server.getClientCapabilities()?.elicitation?.url) return false;
  const proposal = ProposalResultSchema.safeParse(structured);
  if (!proposal.success || proposal.data.status !== "pending" || !proposal.data.confirmUrl) return false;
  try {
    await server.elicitInput(
      {
        mode: "url",
        elicitationId: proposal.data.pendingAction.id,
        url: proposal.data.confirmUrl,
        message: `${proposal.data.preview.title} attend votre confirmation : ouvrez la page de l'espace de travail (connexion avec votre jeton) pour la confirmer ou la refuser.`,
      },
      { relatedRequestId: request.requestId, signal: request.signal, timeout: timeoutMs },
    );
  } catch {
    // No answer or a client error: the action simply waits, its link is in the answer.
  }
  return true;
}
