import type { Action } from "./confirmation/actionDefinition.js";
import { createActionRegistry, type ActionRegistry } from "./confirmation/actionRegistry.js";
import type { Tool } from "./toolDefinition.js";
// tool imports (one line per tool, alphabetical)
import { issueCreditNoteTool } from "./preparation/issueCreditNote.js";
import { getProjectBillingStatusTool } from "./preparation/getProjectBillingStatus.js";
import { listReadyToInvoiceTool } from "./preparation/listReadyToInvoice.js";
import { recordLotProgressTool } from "./preparation/recordLotProgress.js";
import { recordProjectEventTool } from "./preparation/recordProjectEvent.js";
import { recordTimeEntriesTool } from "./preparation/recordTimeEntries.js";
import { findClientTool } from "./preparation/findClient.js";
import { findProjectTool } from "./preparation/findProject.js";
import { prepareInvoiceDraftTool } from "./preparation/prepareInvoiceDraft.js";
import { issueInvoiceTool } from "./preparation/issueInvoice.js";
import { simulateScheduleTool } from "./preparation/simulateSchedule.js";
import { getDunningStatusTool } from "./payments/getDunningStatus.js";
import { getInvoiceTool } from "./payments/getInvoice.js";
import { getPaymentAlertsTool } from "./payments/getPaymentAlerts.js";
import { getReceivablesSummaryTool } from "./payments/getReceivablesSummary.js";
import { getReceivablesForecastTool } from "./payments/getReceivablesForecast.js";
import { getReceivablesTrendTool } from "./payments/getReceivablesTrend.js";
import { getBillingKpisTool } from "./payments/getBillingKpis.js";
import { listInvoicesTool } from "./payments/listInvoices.js";
import { matchBankStatementTool } from "./payments/matchBankStatement.js";
import { recordPaymentTool } from "./payments/recordPayment.js";
import { setInvoiceDisputeTool } from "./payments/setInvoiceDispute.js";
import { draftReminderTool } from "./reminders/draftReminder.js";
import { listRemindersTool } from "./reminders/listReminders.js";
import { sendReminderTool } from "./reminders/sendReminder.js";
import { listTransmissionsTool } from "./einvoicing/listTransmissions.js";

/**
 * THE registry: every tool the product has, one file each. Servers, agents and the catalogue
 * read it; a server lists only the names its profile allows (deny by default).
 */
export const TOOLS: readonly Tool[] = [
  // tools (one line per tool)
  issueCreditNoteTool,
  getProjectBillingStatusTool,
  listReadyToInvoiceTool,
  recordLotProgressTool,
  recordProjectEventTool,
  recordTimeEntriesTool,
  findClientTool,
  findProjectTool,
  prepareInvoiceDraftTool,
  issueInvoiceTool,
  simulateScheduleTool,
  listInvoicesTool,
  getInvoiceTool,
  listTransmissionsTool,
  getReceivablesSummaryTool,
  getReceivablesForecastTool,
  getReceivablesTrendTool,
  getBillingKpisTool,
  getPaymentAlertsTool,
  recordPaymentTool,
  setInvoiceDisputeTool,
  getDunningStatusTool,
  matchBankStatementTool,
  draftReminderTool,
  listRemindersTool,
  sendReminderTool,
];

/** The executors of monetary actions, derived from the monetary tools (each carries its action). */
export const ACTIONS: ActionRegistry = createActionRegistry(TOOLS.flatMap((tool): Action[] => (tool.action ? [tool.action] : [])));

export const TOOL_NAMES: readonly string[] = TOOLS.map((tool) => tool.name);
