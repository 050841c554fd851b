import { z } from "zod";
import { ActionKindSchema } from "../../tools/confirmation/actionKind.js";

/**
 * Every MCP tool an agent may be granted, by the exact name the tools server registers.
 * The tools server owns the definitions; this list is the agents' side of the contract.
 */
export const ToolNameSchema = z.enum([
  // preparation-facture
  "find_client",
  "find_project",
  "get_project_billing_status",
  "record_project_event",
  "record_time_entries",
  "record_lot_progress",
  "prepare_invoice_draft",
  "list_ready_to_invoice",
  "issue_invoice",
  "issue_credit_note",
  "simulate_schedule",
  // suivi-paiements
  "list_invoices",
  "get_invoice",
  "get_receivables_summary",
  "get_receivables_forecast",
  "get_receivables_trend",
  "get_billing_kpis",
  "get_payment_alerts",
  "record_payment",
  "set_invoice_dispute",
  "get_dunning_status",
  "match_bank_statement",
  "list_transmissions",
  // email-relance
  "draft_reminder",
  "list_reminders",
  "send_reminder",
]);
export type ToolName = z.infer<typeof ToolNameSchema>;

/**
 * Tools that move money or speak for the company: the tools server's action kinds (each only ever
 * proposes a pending action that a human confirms). The annotation below fails to compile if the
 * server gains an action kind that is not a known tool name. An agent holding one calls tools one at a time.
 */
const MONETARY: readonly ToolName[] = ActionKindSchema.options;
export const MONETARY_TOOL_NAMES: ReadonlySet<ToolName> = new Set<ToolName>(MONETARY);

export function isMonetaryTool(name: ToolName): boolean {
  return MONETARY_TOOL_NAMES.has(name);
}
