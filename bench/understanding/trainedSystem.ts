import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { Catalog } from "../../agents/understanding/catalog.js";
import type { ConversationState } from "../../agents/understanding/conversationState.js";
import { readRequest } from "../../agents/understanding/readRequest.js";
import type { Reading, UnderstandingSystem } from "./reading.js";

/** The trained classifier and the slot layer (issue 13), the context replayed turn by turn. */
export function trainedSystem(today: IsoDate, catalog: Catalog): UnderstandingSystem {
  return {
    name: "trained classifier + slot layer (issue 13)",
    read(text, context): Reading {
      let state: ConversationState = {};
      for (const turn of context) state = readRequest(turn, { today, catalog, state }).state;
      const r = readRequest(text, { today, catalog, state });
      if (r.kind === "unsure") return { agents: [], intent: "clarify", slots: {} };
      return { agents: r.agents, intent: r.intent, slots: r.slots };
    },
  };
}
