import { z } from "zod";
import type { SpecialistAgentName } from "../definitions/agentName.js";

/** The billing intents the offline understanding recognises (one agent each, or a chain). */
export const BillingIntentNameSchema = z.enum([
  "prepare_invoice",
  "record_milestone",
  "record_time",
  "record_progress",
  "issue_credit_note",
  "billing_status",
  "month_end_realized",
  "abandonment",
  "payment_status",
  "overdue_list",
  "due_soon",
  "dso",
  "aging",
  "unpaid_over",
  "record_payment",
  "reconcile_bank",
  "recovery_rate",
  "client_not_paid",
  "draft_reminder",
  "reminder_history",
  "send_reminder",
]);
export type BillingIntentName = z.infer<typeof BillingIntentNameSchema>;

const P: readonly SpecialistAgentName[] = ["preparation-facture"];
const S: readonly SpecialistAgentName[] = ["suivi-paiements"];
const R: readonly SpecialistAgentName[] = ["email-relance"];

/** Which agent handles each intent; "the client has not paid" chains the status, then the reminder. */
export const INTENT_AGENTS: Readonly<Record<BillingIntentName, readonly SpecialistAgentName[]>> = {
  prepare_invoice: P,
  record_milestone: P,
  record_time: P,
  record_progress: P,
  issue_credit_note: P,
  billing_status: P,
  month_end_realized: P,
  abandonment: P,
  payment_status: S,
  overdue_list: S,
  due_soon: S,
  dso: S,
  aging: S,
  unpaid_over: S,
  record_payment: S,
  reconcile_bank: S,
  recovery_rate: S,
  client_not_paid: [...S, ...R],
  draft_reminder: R,
  reminder_history: R,
  send_reminder: R,
};
