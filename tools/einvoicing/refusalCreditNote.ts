import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { Database } from "../../db/database.js";
import { ConfirmationGate } from "../confirmation/confirmationGate.js";
import type { ConfirmationDeps } from "../confirmation/confirmationDeps.js";
import { invokeTool } from "../invokeTool.js";
import { issueCreditNoteTool } from "../preparation/issueCreditNote.js";
import type { Session } from "../session.js";

/** A credit note proposed after a refusal: the pending action a human confirms (`facturation confirm <id>`). */
export interface ProposedCorrection {
  readonly invoiceNumber: string;
  readonly pendingActionId: string;
  readonly summary: string;
}

/**
 * What `pa sync` does when a buyer refuses an invoice (210): a total credit note is proposed through
 * the normal gate (the `issue_credit_note` tool, no channel to a human here, so it stays pending until
 * someone confirms it out of band). Nothing is issued by the sync itself.
 */
export function proposeCreditNoteOnRefusal(options: {
  readonly db: Database;
  readonly confirmation: ConfirmationDeps;
  readonly session: Session;
  readonly today: () => IsoDate;
  readonly proposed: ProposedCorrection[];
}): (invoiceNumber: string, reason: string) => Promise<void> {
  return async (invoiceNumber, reason) => {
    const gate = new ConfirmationGate(options.confirmation, options.session, undefined);
    const result = await invokeTool(issueCreditNoteTool, { invoice: invoiceNumber, reason: `Refus du client : ${reason}`.slice(0, 500) }, {
      db: options.db,
      session: options.session,
      today: options.today,
      gate,
      binding: {},
    });
    const pending = (result.structured as { pendingAction?: { id: string; summary: string } }).pendingAction;
    if (pending) options.proposed.push({ invoiceNumber, pendingActionId: pending.id, summary: pending.summary });
  };
}
