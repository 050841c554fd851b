import type { AgentName } from "./agentName.js";
import { ToolNameSchema, type ToolName } from "./toolName.js";

/**
 * Which tools each agent may see and call. Deny by default: a tool absent from an agent's list
 * is never shown to its model and a call to it is refused. The orchestrator holds no billing tool;
 * its only decision is the routing, made through the router's own forced `route` tool.
 */
export const TOOL_ALLOWLISTS: Readonly<Record<AgentName, readonly ToolName[]>> = {
  "facturation-orchestrator": [],
  "preparation-facture": [
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
  ],
  "suivi-paiements": [
    "find_client",
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
  ],
  "email-relance": [
    "find_client",
    "list_invoices",
    "get_invoice",
    "get_dunning_status",
    "draft_reminder",
    "list_reminders",
    "send_reminder",
  ],
};

/** True only when `toolName` is a known tool listed for `agent`. */
export function isToolAllowed(agent: AgentName, toolName: string): toolName is ToolName {
  const parsed = ToolNameSchema.safeParse(toolName);
  return parsed.success && TOOL_ALLOWLISTS[agent].includes(parsed.data);
}

export function allowedTools(agent: AgentName): readonly ToolName[] {
  return TOOL_ALLOWLISTS[agent];
}
