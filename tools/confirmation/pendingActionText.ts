import { renderActionPreview } from "./actionPreview.js";
import { STATUS_FR } from "./pendingAction.js";
import type { PendingActionView } from "./pendingActionDesk.js";

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** The screen a human reads before saying yes, in the terminal and on the pending-action page: one renderer. */
export function describePendingAction(view: PendingActionView): string {
  return [
    `Action ${view.id} (${view.kind}) — ${STATUS_FR[view.status]}`,
    `Demandée par ${view.requestedBy}${view.requestedChannel ? ` via ${view.requestedChannel}` : ""} le ${DATE_TIME.format(new Date(view.createdAt))}, expire le ${DATE_TIME.format(new Date(view.expiresAt))}`,
    "",
    renderActionPreview(view.preview),
  ].join("\n");
}
