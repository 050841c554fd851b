import { ProposalResultSchema } from "../../tools/confirmation/proposalResult.js";
import { DraftReminderOutputSchema } from "../../tools/reminders/draftReminder.js";
import { ListRemindersOutputSchema } from "../../tools/reminders/listReminders.js";
import type { Intent, ReminderLevel } from "../understanding/intent.js";
import { euros, plural, shortDate } from "./frenchFormat.js";
import { textTable } from "./textTable.js";
import type { IntentHandler, OfflineAnswer, OfflineTurn } from "./offlineTurn.js";
import { DunningStatusResultSchema, type DunningRow } from "./toolResults.js";

/** The dunning policy's level names for the levels a user can ask for. */
const LEVEL_OF: Readonly<Record<ReminderLevel, string>> = { pre_due: "pre_due", cordial: "r1", ferme: "r2", mise_en_demeure: "r3" };

/** Most bulk reminders proposed in one turn (each is confirmed one by one). */
const MAX_BULK = 5;

/**
 * Drafts the reminder for one invoice (level chosen by the policy unless the user forced one),
 * then proposes sending it: the e-mail leaves only after the human confirms.
 */
async function draftAndPropose(turn: OfflineTurn, invoice: string, level: ReminderLevel | undefined): Promise<string[]> {
  const forced = level === undefined ? {} : { level: LEVEL_OF[level], reason: "niveau demandé explicitement par l'utilisateur" };
  const drafted = await turn.tools.call("draft_reminder", { invoice, ...forced }, DraftReminderOutputSchema);
  if (!drafted.ok) return [`Pas de relance pour ${invoice} : ${drafted.error}`];
  const r = drafted.value;
  const late = r.invoice.daysOverdue > 0 ? `, ${r.invoice.daysOverdue} jours de retard` : "";
  const out = [
    `Relance préparée : ${r.levelLabel} pour la facture ${r.invoice.number} (${r.client.name}, reste dû ${euros(r.invoice.outstanding)}${late}).`,
    `À : ${r.recipient}`,
    `Objet : ${r.subject}`,
    indent(r.textPreview),
  ];
  const proposal = await turn.tools.call("send_reminder", { reminderId: drafted.value.reminderId }, ProposalResultSchema);
  if (!proposal.ok) out.push(`Envoi impossible : ${proposal.error}`);
  else out.push(proposal.value.status === "pending" ? `Envoi de la relance ${invoice} proposé : il attend votre confirmation.` : proposal.text);
  return out;
}

/** The e-mail's text, indented under its headers. */
function indent(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

/** The client's invoices that need a reminder today, most overdue first. */
async function remindable(turn: OfflineTurn, filter: Record<string, unknown>): Promise<{ ok: true; rows: DunningRow[] } | { ok: false; error: string }> {
  const status = await turn.tools.call("get_dunning_status", filter, DunningStatusResultSchema);
  if (!status.ok) return status;
  const rows = status.value.invoices.filter((r) => r.dueNow !== null && !r.disputed).sort((a, b) => b.daysOverdue - a.daysOverdue);
  return { ok: true, rows };
}

const draftReminder: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "draft_reminder" && intent.intent !== "send_reminder" && intent.intent !== "client_not_paid") return unsupported();
  const level = intent.intent === "draft_reminder" ? intent.level : undefined;
  if (intent.intent === "draft_reminder" && intent.bulk) {
    const found = await remindable(turn, { dueOnly: true });
    if (!found.ok) return { text: `Suivi des relances indisponible : ${found.error}` };
    const minDays = intent.overdueForDays ?? 1;
    const rows = found.rows.filter((r) => r.daysOverdue >= minDays).slice(0, MAX_BULK);
    if (rows.length === 0) return { text: `Aucune facture échue depuis au moins ${plural(minDays, "jour")} n'appelle de relance aujourd'hui.` };
    const out = [`${plural(rows.length, "relance")} à préparer :`];
    for (const row of rows) out.push(...(await draftAndPropose(turn, row.number, level)));
    return { text: out.join("\n") };
  }
  const named = "invoiceNumber" in intent ? intent.invoiceNumber : undefined;
  if (named !== undefined) return { text: (await draftAndPropose(turn, named, level)).join("\n"), focus: { invoice: named } };
  if (intent.client?.status === "ambiguous") {
    return { text: `Plusieurs clients correspondent : ${intent.client.candidates.map((c) => `« ${c.name} »`).join(", ")}. Lequel ?` };
  }
  const clientId = await turn.catalog.clientId(turn.tools, intent.client);
  // After suivi-paiements, the invoice most in need of a reminder is in focus.
  if (intent.intent === "client_not_paid" && turn.focus.invoice !== undefined) {
    return { text: (await draftAndPropose(turn, turn.focus.invoice, undefined)).join("\n"), focus: { invoice: turn.focus.invoice } };
  }
  if (clientId === undefined) {
    if (turn.focus.invoice !== undefined) return { text: (await draftAndPropose(turn, turn.focus.invoice, level)).join("\n") };
    return { text: "Quel client ou quelle facture faut-il relancer (par exemple « relance Nexa » ou « relance la facture F-2026-0018 ») ?" };
  }
  const found = await remindable(turn, { clientId });
  if (!found.ok) return { text: `Suivi des relances indisponible : ${found.error}` };
  const clientName = intent.client?.status === "matched" ? intent.client.name : "ce client";
  const first = found.rows[0];
  if (first === undefined) {
    if (level === undefined) return { text: `${clientName} n'a aucune facture qui appelle une relance aujourd'hui.`, focus: { client: clientName } };
    // A forced level ("relance ferme") on the client's oldest unpaid invoice.
    const all = await turn.tools.call("get_dunning_status", { clientId }, DunningStatusResultSchema);
    const oldest = all.ok ? all.value.invoices.filter((r) => !r.disputed).sort((a, b) => b.daysOverdue - a.daysOverdue)[0] : undefined;
    if (oldest === undefined) return { text: `${clientName} n'a aucune facture impayée à relancer.`, focus: { client: clientName } };
    return { text: (await draftAndPropose(turn, oldest.number, level)).join("\n"), focus: { client: clientName, invoice: oldest.number } };
  }
  return { text: (await draftAndPropose(turn, first.number, level)).join("\n"), focus: { client: clientName, invoice: first.number } };
};

const reminderHistory: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "reminder_history") return unsupported();
  const clientId = await turn.catalog.clientId(turn.tools, intent.client);
  const filter = clientId !== undefined ? { clientId } : turn.focus.invoice !== undefined ? { invoice: turn.focus.invoice } : {};
  const history = await turn.tools.call("list_reminders", filter, ListRemindersOutputSchema);
  if (!history.ok) return { text: `Historique des relances indisponible : ${history.error}` };
  const focus = intent.client?.status === "matched" ? { focus: { client: intent.client.name } } : {};
  const who = intent.client?.status === "matched" ? ` à ${intent.client.name}` : "";
  if (history.value.reminders.length === 0) return { text: `Aucune relance envoyée ni préparée${who}.`, ...focus };
  const table = textTable(
    ["Date", "Facture", "Client", "Niveau", "Destinataire", "Statut"],
    history.value.reminders.map((r) => [shortDate(r.date), r.invoiceNumber, r.clientName, r.label, r.recipient, r.status === "sent" ? "envoyée" : "préparée"]),
  );
  return { text: [`${plural(history.value.sentCount, "relance envoyée", "relances envoyées")}${who} :`, table].join("\n"), ...focus };
};

function unsupported(): OfflineAnswer {
  return { text: "Je ne sais pas encore traiter cette demande hors connexion : reformulez-la (par exemple « relance Nexa »)." };
}

/** The offline email-relance agent: one handler per intent. */
export const REMINDER_HANDLERS: Partial<Record<Intent["intent"], IntentHandler>> = {
  draft_reminder: draftReminder,
  send_reminder: draftReminder,
  client_not_paid: draftReminder,
  reminder_history: reminderHistory,
};
