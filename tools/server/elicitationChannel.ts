import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { RequestId } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { ChannelAnswer, ConfirmationChannel } from "../confirmation/confirmationChannel.js";

/** The form's only field; the answer is parsed with zod, never cast. */
const ConfirmationFormSchema = z.object({ confirmer: z.boolean() });

/**
 * Asks the human through the MCP client's elicitation form — when the client declared it.
 * Never trusted for finance approvals (a client hook could answer "accept" by itself). A timeout,
 * a transport error or a malformed answer is `no_answer`: the action stays pending.
 */
export function elicitationChannel(
  server: Server,
  request: { readonly requestId: RequestId; readonly signal: AbortSignal },
  timeoutMs: number,
): ConfirmationChannel | undefined {
  if (!server.getClientCapabilities()?.elicitation?.form) return undefined;
  return {
    name: "elicitation",
    trusted: false,
    async ask({ actionId, text }): Promise<ChannelAnswer> {
      let response;
      try {
        response = await server.elicitInput(
          {
            mode: "form",
            message: `${text}\n\nConfirmez-vous cette action ? (référence ${actionId})`,
            requestedSchema: {
              type: "object",
              properties: {
                confirmer: {
                  type: "boolean",
                  title: "Je confirme cette action",
                  description: "Cochez pour exécuter exactement l'action ci-dessus ; sinon rien ne sera fait.",
                  default: false,
                },
              },
              required: ["confirmer"],
            },
          },
          { relatedRequestId: request.requestId, signal: request.signal, timeout: timeoutMs },
        );
      } catch {
        // Timeout, client error or closed transport: the human did not answer; the action waits.
        return "no_answer";
      }
      if (response.action !== "accept") return response.action;
      const form = ConfirmationFormSchema.safeParse(response.content);
      if (!form.success) return "no_answer";
      return form.data.confirmer ? "accept" : "decline";
    },
  };
}
