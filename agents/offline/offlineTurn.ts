import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { ConversationContext } from "../understanding/conversationContext.js";
import type { Intent } from "../understanding/intent.js";
import type { ToolCatalog } from "./toolCatalog.js";
import type { ToolSession } from "./toolSession.js";

/** What an offline intent handler works with during one agent turn. */
export interface OfflineTurn {
  readonly tools: ToolSession;
  readonly catalog: ToolCatalog;
  readonly today: IsoDate;
  /** The user's request, as typed. */
  readonly text: string;
  /** The conversation's focus when the turn started (client, project, invoice). */
  readonly focus: ConversationContext;
}

/** A handler's answer: French text for the user, and what the conversation is now about. */
export interface OfflineAnswer {
  readonly text: string;
  readonly focus?: Pick<ConversationContext, "client" | "project" | "invoice">;
}

export type IntentHandler = (intent: Intent, turn: OfflineTurn) => Promise<OfflineAnswer>;
