import type { ActionPreview } from "./actionPreview.js";

/** A human's answer; `no_answer` (timeout, error, dismissed transport) leaves the action pending. */
export type ChannelAnswer = "accept" | "decline" | "cancel" | "no_answer";

/**
 * A way to ask the human right now. `trusted` says whether an "accept" on this channel may
 * stand for a finance approval: our own terminal prompt is; an MCP client's elicitation form is
 * not (a client hook can answer by itself), so above the threshold it is never even asked.
 */
export interface ConfirmationChannel {
  readonly name: "elicitation" | "terminal";
  readonly trusted: boolean;
  ask(question: { readonly actionId: string; readonly preview: ActionPreview; readonly text: string }): Promise<ChannelAnswer>;
}
