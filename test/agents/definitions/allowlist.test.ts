import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGENT_NAMES } from "../../../agents/definitions/agentName.js";
import { TOOL_ALLOWLISTS, allowedTools, isToolAllowed } from "../../../agents/definitions/allowlist.js";
import { ToolNameSchema, isMonetaryTool } from "../../../agents/definitions/toolName.js";

describe("isToolAllowed", () => {
  it("allows exactly the tools listed for each agent and denies every other tool", () => {
    fc.assert(
      fc.property(fc.constantFrom(...AGENT_NAMES), fc.constantFrom(...ToolNameSchema.options), (agent, tool) => {
        expect(isToolAllowed(agent, tool)).toBe(TOOL_ALLOWLISTS[agent].includes(tool));
      }),
    );
  });

  it("denies names that are not tools at all, whatever the agent", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...AGENT_NAMES),
        fc.string().filter((name) => !ToolNameSchema.safeParse(name).success),
        (agent, name) => {
          expect(isToolAllowed(agent, name)).toBe(false);
        },
      ),
    );
    expect(isToolAllowed("preparation-facture", "route")).toBe(false);
    expect(isToolAllowed("suivi-paiements", "confirm_pending_action")).toBe(false);
  });

  it("gives the orchestrator no billing tool", () => {
    for (const tool of ToolNameSchema.options) expect(isToolAllowed("facturation-orchestrator", tool)).toBe(false);
  });

  it("keeps email-relance away from issuing invoices, credit notes and recording payments", () => {
    for (const tool of ["issue_invoice", "issue_credit_note", "record_payment", "match_bank_statement", "prepare_invoice_draft"]) {
      expect(isToolAllowed("email-relance", tool)).toBe(false);
    }
    expect(isToolAllowed("email-relance", "send_reminder")).toBe(true);
  });

  it("keeps suivi-paiements away from issuing and from sending reminders", () => {
    for (const tool of ["issue_invoice", "issue_credit_note", "send_reminder", "draft_reminder"]) {
      expect(isToolAllowed("suivi-paiements", tool)).toBe(false);
    }
  });
});

describe("allowedTools", () => {
  it("lists the charter's tools for preparation-facture, suivi-paiements and email-relance", () => {
    expect(allowedTools("preparation-facture")).toEqual([
      "find_client", "find_project", "get_project_billing_status", "record_project_event", "record_time_entries",
      "record_lot_progress", "prepare_invoice_draft", "list_ready_to_invoice", "issue_invoice", "issue_credit_note", "simulate_schedule",
    ]);
    expect(allowedTools("suivi-paiements")).toEqual([
      "find_client", "list_invoices", "get_invoice", "get_receivables_summary", "get_receivables_forecast", "get_receivables_trend",
      "get_billing_kpis", "get_payment_alerts", "record_payment",
      "set_invoice_dispute", "get_dunning_status", "match_bank_statement", "list_transmissions",
    ]);
    expect(allowedTools("email-relance")).toEqual([
      "find_client", "list_invoices", "get_invoice", "get_dunning_status", "draft_reminder", "list_reminders", "send_reminder",
    ]);
  });
});

describe("isMonetaryTool", () => {
  it("marks exactly the tools that issue, record or send as monetary", () => {
    const monetary = ToolNameSchema.options.filter(isMonetaryTool);
    expect(monetary).toEqual(["issue_invoice", "issue_credit_note", "record_payment", "send_reminder"]);
  });
});
