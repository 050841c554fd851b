import type { Session } from "../session.js";
import type { Action } from "./actionDefinition.js";
import type { ConfirmationChannel } from "./confirmationChannel.js";
import type { ConfirmationDeps } from "./confirmationDeps.js";
import { proposeAction, type Proposal } from "./proposeAction.js";

/**
 * The gate as a monetary tool sees it, bound to the caller's session and to the channel that can
 * reach the human for this request (an MCP client's elicitation, the chat terminal, or none).
 * A tool can only propose; there is deliberately no `confirm` here.
 */
export class ConfirmationGate {
  constructor(
    private readonly deps: ConfirmationDeps,
    private readonly session: Session,
    private readonly channel: ConfirmationChannel | undefined,
  ) {}

  propose<P>(action: Action<P>, payload: NoInfer<P>): Promise<Proposal> {
    return proposeAction(this.deps, this.session, this.channel, action, payload);
  }
}
