import { prepareInvoice } from "./prepareInvoice.js";
import { issueInvoice } from "./issueInvoice.js";
import { recordMilestone } from "./recordMilestone.js";
import { recordTime } from "./recordTime.js";
import { recordProgress } from "./recordProgress.js";
import { issueCreditNote } from "./issueCreditNote.js";
import { projectStatus } from "./projectStatus.js";
import { readyToInvoice } from "./readyToInvoice.js";
import { monthEndRealized } from "./monthEndRealized.js";
import { abandonment } from "./abandonment.js";
import { simulateSchedule } from "./simulateSchedule.js";
import { lastIssuedInvoice } from "./lastIssuedInvoice.js";
import { sendInvoice } from "./sendInvoice.js";
import { receivablesOverview } from "./receivablesOverview.js";
import { clientBalance } from "./clientBalance.js";
import { invoiceStatus } from "./invoiceStatus.js";
import { invoiceLifecycle } from "./invoiceLifecycle.js";
import { listInvoices } from "./listInvoices.js";
import { dueSoon } from "./dueSoon.js";
import { revenue } from "./revenue.js";
import { collections } from "./collections.js";
import { dso } from "./dso.js";
import { aging } from "./aging.js";
import { recoveryRate } from "./recoveryRate.js";
import { worstPayers } from "./worstPayers.js";
import { recordPayment } from "./recordPayment.js";
import { reconcileBank } from "./reconcileBank.js";
import { disputeOn } from "./disputeOn.js";
import { disputeOff } from "./disputeOff.js";
import { anomalies } from "./anomalies.js";
import { clientNotPaid } from "./clientNotPaid.js";
import { draftReminder } from "./draftReminder.js";
import { remindersDue } from "./remindersDue.js";
import { reminderHistory } from "./reminderHistory.js";
import { sendReminder } from "./sendReminder.js";
import { confirm } from "./confirm.js";
import { help } from "./help.js";
import { outOfScope } from "./outOfScope.js";

/** Every intent of the catalogue, one file each. */
export const INTENTS = [
  prepareInvoice,
  issueInvoice,
  recordMilestone,
  recordTime,
  recordProgress,
  issueCreditNote,
  projectStatus,
  readyToInvoice,
  monthEndRealized,
  abandonment,
  simulateSchedule,
  lastIssuedInvoice,
  sendInvoice,
  receivablesOverview,
  clientBalance,
  invoiceStatus,
  invoiceLifecycle,
  listInvoices,
  dueSoon,
  revenue,
  collections,
  dso,
  aging,
  recoveryRate,
  worstPayers,
  recordPayment,
  reconcileBank,
  disputeOn,
  disputeOff,
  anomalies,
  clientNotPaid,
  draftReminder,
  remindersDue,
  reminderHistory,
  sendReminder,
  confirm,
  help,
  outOfScope,
] as const;

export type IntentName = (typeof INTENTS)[number]["name"];
export const INTENT_NAMES: readonly IntentName[] = INTENTS.map((i) => i.name);
const BY_NAME: ReadonlyMap<string, (typeof INTENTS)[number]> = new Map(INTENTS.map((i) => [i.name, i]));

export function intentDefinition(name: IntentName): (typeof INTENTS)[number] {
  const found = BY_NAME.get(name);
  if (found === undefined) throw new Error(`unknown intent ${name}`);
  return found;
}

export function isIntentName(name: string): name is IntentName {
  return BY_NAME.has(name);
}
