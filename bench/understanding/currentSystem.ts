import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { Catalog } from "../../agents/understanding/catalog.js";
import type { ConversationContext } from "../../agents/understanding/conversationContext.js";
import type { EntityRef } from "../../agents/understanding/entityMatch.js";
import type { Intent } from "../../agents/understanding/intent.js";
import { STOP_REMINDERS } from "../../agents/understanding/intentLexicon.js";
import { normalizeText } from "../../agents/understanding/normalizeText.js";
import { understand } from "../../agents/understanding/understand.js";
import type { Reading, UnderstandingSystem } from "./reading.js";

/**
 * The offline understanding as it stood before issue 13 (weighted regular expressions), its intents
 * mapped to the catalogue's names, including the readings its handlers made again from the text
 * (dispute, revenue, list by state): what a user actually got.
 */
export function currentSystem(today: IsoDate, catalog: Catalog): UnderstandingSystem {
  return {
    name: "lexicon (before issue 13)",
    read(text, context) {
      let focus: ConversationContext = {};
      for (const turn of context) focus = understand(turn, { today, catalog, context: focus }).context;
      const u = understand(text, { today, catalog, context: focus });
      return { agents: u.agents, ...toCatalogue(u.intent, text) };
    },
  };
}

const name = (ref: EntityRef | undefined) => (ref?.status === "matched" ? ref.name : undefined);
const LEVELS = { pre_due: "pre_due", cordial: "r1", ferme: "r2", mise_en_demeure: "r3" } as const;
const DISPUTE = /\b(litiges?|contest\w*)\b/;
const STOP = new RegExp(STOP_REMINDERS);
const LIFT = /\b(leve|lever|levez|retire|retirer|clos|clore|cloture|resolu|fin du litige|plus en litige)\b/;
const STATUS_WORDS: readonly [RegExp, string][] = [
  [/\bbrouillons?\b/, "draft"],
  [/\bpayees?\b/, "paid"],
  [/\bemises?\b/, "issued"],
  [/\bannulees?\b/, "cancelled"],
];

function compact(slots: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(slots).filter(([, v]) => v !== undefined));
}

function toCatalogue(intent: Intent, text: string): Omit<Reading, "agents"> {
  const i = intent as Record<string, unknown> & { intent: string };
  const common = { client: name(i.client as EntityRef | undefined), project: name(i.project as EntityRef | undefined) };
  const invoice = i.invoiceNumber as string | undefined;
  switch (intent.intent) {
    case "prepare_invoice":
      return { intent: "prepare_invoice", slots: compact({ ...common, milestone: name(intent.milestone), kind: intent.kind, percent: intent.percent, amount: intent.amount, period: intent.period }) };
    case "record_milestone":
      return { intent: "record_milestone", slots: compact({ project: name(intent.project), milestone: name(intent.milestone), date: intent.date }) };
    case "record_time":
      return { intent: "record_time", slots: compact({ ...common, quantity: intent.quantity, unit: intent.unit, activity: intent.activity }) };
    case "record_progress":
      return { intent: "record_progress", slots: compact({ project: name(intent.project), lot: name(intent.lot), percent: intent.percent, amount: intent.amount }) };
    case "issue_credit_note":
      return { intent: "issue_credit_note", slots: compact({ client: common.client, invoice, amount: intent.amount }) };
    case "billing_status":
      return { intent: "project_status", slots: compact(common) };
    case "month_end_realized":
      return { intent: "month_end_realized", slots: compact({ ...common, period: intent.period }) };
    case "abandonment":
      return { intent: "abandonment", slots: compact({ beneficiary: name(intent.beneficiary), project: name(intent.project), date: intent.date }) };
    case "payment_status": {
      const canonical = normalizeText(text);
      if (DISPUTE.test(canonical) || STOP.test(canonical)) {
        const on = STOP.test(canonical) || !LIFT.test(canonical);
        return { intent: on ? "dispute_on" : "dispute_off", slots: compact({ invoice }) };
      }
      if (/\bchiffre d affaires\b/.test(canonical)) return { intent: "revenue", slots: compact({ period: intent.period }) };
      const status = STATUS_WORDS.filter(([p]) => p.test(canonical)).map(([, s]) => s);
      if (status.length > 0 && invoice === undefined) return { intent: "list_invoices", slots: compact({ status, client: common.client, period: intent.period }) };
      if (invoice !== undefined) return { intent: "invoice_status", slots: { invoice } };
      if (common.client !== undefined) return { intent: "client_balance", slots: compact({ client: common.client }) };
      return { intent: "receivables_overview", slots: compact({ period: intent.period }) };
    }
    case "overdue_list":
      return { intent: "list_invoices", slots: compact({ status: ["overdue"], client: common.client }) };
    case "unpaid_over":
      return { intent: "list_invoices", slots: compact({ status: ["overdue"], client: common.client, overdueDays: intent.days === 0 ? undefined : intent.days, amountOver: intent.amountOver }) };
    case "due_soon":
      return { intent: "due_soon", slots: compact({ client: common.client, period: intent.period }) };
    case "dso":
      return { intent: "dso", slots: compact({ client: common.client, period: intent.period }) };
    case "aging":
      return { intent: "aging", slots: compact({ client: common.client }) };
    case "recovery_rate":
      return { intent: "recovery_rate", slots: compact({ period: intent.period }) };
    case "record_payment":
      return { intent: "record_payment", slots: compact({ client: common.client, amount: intent.amount, date: intent.date, invoice }) };
    case "reconcile_bank":
      return { intent: "reconcile_bank", slots: compact({ period: intent.period }) };
    case "client_not_paid":
      return { intent: "client_not_paid", slots: compact({ ...common, invoice, period: intent.period }) };
    case "draft_reminder":
      return { intent: "draft_reminder", slots: compact({ ...common, invoice, level: intent.level ? LEVELS[intent.level] : undefined, overdueDays: intent.overdueForDays, bulk: intent.bulk ? true : undefined }) };
    case "reminder_history":
      return { intent: "reminder_history", slots: compact({ ...common, period: intent.period }) };
    case "send_reminder":
      return { intent: "send_reminder", slots: compact({ client: common.client, invoice }) };
    case "confirm":
      return { intent: "confirm", slots: { answer: intent.answer } };
    case "out_of_scope":
      return { intent: "out_of_scope", slots: { reason: intent.reason } };
    case "unknown":
      return { intent: "unknown", slots: {} };
  }
}
