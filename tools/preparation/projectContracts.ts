import { getClient, type Client } from "../../db/repositories/clients.js";
import { listContractInvoices, type InvoiceWithLines } from "../../db/repositories/contractInvoices.js";
import { listEvents, type StoredEvent } from "../../db/repositories/events.js";
import { getProject, type Contract as ContractRow, type ProjectWithContracts } from "../../db/repositories/projects.js";
import { findSellerSettings } from "../../db/repositories/seller.js";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { SystemError } from "../../engine/errors.js";
import { ZERO, toPlainString } from "../../engine/money/money.js";
import { unwrap } from "../../engine/result.js";
import type { BillingEvent } from "../../engine/scenario/billingEvent.js";
import { ContractSchema, type Contract } from "../../engine/scenario/contract.js";
import { replaySchedule } from "../../engine/schedule/replaySchedule.js";
import type { ReplayResult } from "../../engine/schedule/scheduleInvoice.js";
import { DEFAULT_PAYMENT_TERMS, type PaymentTerms } from "../../engine/terms/paymentTerms.js";
import type { ToolDatabase } from "../toolDatabase.js";

/** One stored contract in the engine's terms, with its events, its invoices and its replay up to `today`. */
export interface LoadedContract {
  readonly row: ContractRow;
  readonly contract: Contract;
  readonly storedEvents: readonly StoredEvent[];
  readonly events: readonly BillingEvent[];
  readonly invoices: readonly InvoiceWithLines[];
  readonly replay: ReplayResult;
}

export interface LoadedProject {
  readonly project: ProjectWithContracts;
  readonly client: Client;
  readonly contracts: readonly LoadedContract[];
}

/** A stored event as the scenario format's event. */
export function toBillingEvent(e: StoredEvent): BillingEvent {
  const date = e.occurredOn;
  switch (e.type) {
    case "signature":
    case "start":
      return { date, type: e.type };
    case "action":
      return { date, type: "action", name: e.name ?? "", quantity: e.quantity ? toPlainString(e.quantity) : "1" };
    case "state":
    case "event":
      return { date, type: e.type, name: e.name ?? "" };
    case "progress":
      return e.percent !== null
        ? { date, type: "progress", lot: e.lot ?? "", percent: toPlainString(e.percent) }
        : { date, type: "progress", lot: e.lot ?? "", amount: toPlainString(e.amount ?? ZERO) };
  }
}

/** The contract as the engine reads it; payment terms: the contract's, else the client's, else the seller's. */
export function engineContract(row: ContractRow, fallbackTerms: PaymentTerms): Contract {
  const parsed = ContractSchema.safeParse({
    vatRate: row.vatRate,
    paymentTerms: row.paymentTerms ?? fallbackTerms,
    pricing: row.pricing,
    schedule: row.schedule,
  });
  if (!parsed.success) throw new SystemError(`le contrat ${row.id} enregistré est illisible`, { code: "contract_invalid", cause: parsed.error });
  return parsed.data;
}

/** Loads a project, its client and every contract replayed up to `today` (errors of the replay are thrown, in French). */
export async function loadProject(db: ToolDatabase, projectId: number, today: IsoDate): Promise<LoadedProject> {
  const project = await getProject(db, projectId);
  const client = await getClient(db, project.clientId);
  const seller = await findSellerSettings(db);
  const fallbackTerms = client.paymentTerms ?? seller?.defaultPaymentTerms ?? DEFAULT_PAYMENT_TERMS;
  const invoices = await listContractInvoices(db, project.contracts.map((c) => c.id));
  const contracts: LoadedContract[] = [];
  for (const row of project.contracts) {
    const contract = engineContract(row, fallbackTerms);
    const storedEvents = await listEvents(db, { contractId: row.id, to: today });
    const events = storedEvents.map(toBillingEvent);
    const replay = unwrap(replaySchedule({ contract, events }, { until: today }));
    contracts.push({ row, contract, storedEvents, events, invoices: invoices.filter((i) => i.invoice.contractId === row.id), replay });
  }
  return { project, client, contracts };
}
