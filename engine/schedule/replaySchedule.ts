import type { IsoDate } from "../dates/plainDate.js";
import type { InputError, RuleError } from "../errors.js";
import { Decimal, HUNDRED, ZERO, roundCents } from "../money/money.js";
import { fail, ok, type Result } from "../result.js";
import type { BillingEvent } from "../scenario/billingEvent.js";
import { checkReferences } from "../scenario/checkReferences.js";
import type { Contract } from "../scenario/contract.js";
import { plannedQuantityOf, pricingTotal } from "../scenario/pricing.js";
import { billKind, type ScheduleItem } from "../scenario/scheduleItem.js";
import { assembleInvoice } from "./assembleInvoice.js";
import { billsOnce } from "./billedOnce.js";
import { conditionsHold } from "./conditions.js";
import { deductionLines } from "./deposits.js";
import { overBillingError } from "./overBilling.js";
import { initialLotProgress, progressLines, recordProgress, takeProgressChanges, type LotChange } from "./progressBilling.js";
import { attendanceQuantityOf, realizedLines, workOf, type WorkEntry } from "./realizedWork.js";
import type { ReplayResult, ScheduleInvoice, ScheduleItemState, ScheduleLine } from "./scheduleInvoice.js";
import { buildTimeline } from "./timeline.js";
import { triggerMatches, type Occurrence } from "./triggerMatches.js";

export interface ReplayInput {
  /** Pricing, schedule, VAT rate and payment terms (a Scenario is one). */
  readonly contract: Contract;
  /** In any order; same-date events keep this order. */
  readonly events: readonly BillingEvent[];
}

export interface ReplayOptions {
  /** Last date replayed (a real project passes today). Default: the last event date. */
  readonly until?: IsoDate | undefined;
}

/** What one item took at the evaluations of one day (merged into its lines at the end of the day). */
interface DayClaim {
  fixed?: Decimal;
  work: WorkEntry[];
  progress: LotChange[];
}

/**
 * Replays a dossier's events against its schedule and returns the invoices the schedule produces
 * (FORMAT.md rules 1–11). Pure: no clock, no I/O; `until` is a parameter.
 *
 * Reading of the rules where they leave room (each choice is tested):
 * - Every event is one evaluation instant, in date then file order; the month-end evaluation comes
 *   after the events of the month's last day. Items are evaluated in schedule order at each instant,
 *   and an item takes its amount at the instant it fires (a realized item: all work unbilled at that
 *   instant, including the triggering action's; two realized items firing at the same instant: the
 *   first takes the work, the second has none left and does not fire).
 * - The dossier closes at the instant a closing item fires: later events of the same day and the
 *   month-end evaluation of that day bill nothing, and record nothing.
 * - A realized item with no unbilled work, or a progress item with no change, does not fire — so a
 *   closing item of that kind does not close the dossier then.
 * - All lines an item took during one day are merged by the invoice of that day: one line for a
 *   realized summary, one line per lot for detailed progress, one line per action for detailed realized.
 * - Events dated after `until` are not replayed.
 */
export function replaySchedule(input: ReplayInput, options: ReplayOptions = {}): Result<ReplayResult, InputError | RuleError> {
  const { contract, events } = input;
  const refused = checkReferences(contract, events);
  if (refused) return fail(refused);

  const { pricing, schedule } = contract;
  const price = pricingTotal(pricing);
  const plannedQuantity = plannedQuantityOf(pricing);
  const lots = pricing.type === "lots" ? initialLotProgress(pricing.lots) : [];
  const lotOrder = lots.map((l) => l.name);
  const { days, until } = buildTimeline(events, options.until);

  let startDate: IsoDate | undefined;
  let realizedQuantity: Decimal = ZERO;
  let unbilled: WorkEntry[] = [];
  const firedOnce = new Set<number>();
  let closed = false;
  let closedOn: IsoDate | undefined;
  const invoices: ScheduleInvoice[] = [];
  let billed: Decimal = ZERO;

  for (const day of days) {
    const claims = new Map<number, DayClaim>();
    let closingFired = false;

    const evaluate = (occurrence: Occurrence): void => {
      const context = { date: day.date, startDate, realizedQuantity, plannedQuantity };
      for (const [index, item] of schedule.entries()) {
        if (!triggerMatches(item.trigger, occurrence) || !conditionsHold(item.conditions, context)) continue;
        const claim = claims.get(index) ?? { work: [], progress: [] };
        const kind = billKind(item.bill);
        if (billsOnce(item.bill)) {
          if (firedOnce.has(index)) continue;
          firedOnce.add(index);
          claim.fixed = fixedAmount(item, price);
        } else if (kind === "realized") {
          if (unbilled.length === 0) continue;
          claim.work.push(...unbilled);
          unbilled = [];
        } else {
          const changes = takeProgressChanges(lots);
          if (changes.length === 0) continue;
          claim.progress.push(...changes);
        }
        claims.set(index, claim);
        if (item.closing) closingFired = true;
      }
      // Closed after the whole instant: items fired with the closing item at the same instant still bill.
      if (closingFired) closed = true;
    };

    for (const { event, index } of day.events) {
      if (closed) break;
      if (event.type === "start" && startDate === undefined) startDate = event.date;
      if (event.type === "action") {
        realizedQuantity = realizedQuantity.plus(attendanceQuantityOf(pricing, event));
        const work = workOf(pricing, event, index);
        if (work) unbilled.push(work);
      }
      if (event.type === "progress") recordProgress(lots, event);
      evaluate({ kind: "event", event });
    }
    if (day.monthEnd && !closed) evaluate({ kind: "end_of_month" });
    if (claims.size === 0) continue;

    const itemIndexes = [...claims.keys()].sort((a, b) => a - b);
    const lines: ScheduleLine[] = itemIndexes.flatMap((index) => linesOf(schedule[index] as ScheduleItem, index, claims.get(index) as DayClaim, lotOrder));
    if (closingFired) lines.push(...deductionLines(invoices));
    const invoice = assembleInvoice({
      date: day.date,
      lines,
      itemIndexes,
      allDeductible: itemIndexes.every((i) => schedule[i]?.deductible === true),
      closing: closingFired,
      vatRate: contract.vatRate,
      paymentTerms: contract.paymentTerms,
    });
    const overBilled = overBillingError(price, billed, invoice);
    if (overBilled) return fail(overBilled);
    billed = billed.plus(invoice.netAmount);
    invoices.push(invoice);
    if (closingFired) closedOn = day.date;
  }

  return ok({ invoices, closed, closedOn, items: itemStates(schedule, invoices), until });
}

/** Rule 5: `percent` of the price (flat amount or sum of lots), `amount` as given; rounded to the cent. */
function fixedAmount(item: ScheduleItem, price: Decimal | null): Decimal {
  if (item.bill.percent !== undefined) return roundCents((price ?? ZERO).times(new Decimal(item.bill.percent)).dividedBy(HUNDRED));
  return roundCents(new Decimal(item.bill.amount ?? "0"));
}

function linesOf(item: ScheduleItem, index: number, claim: DayClaim, lotOrder: readonly string[]): ScheduleLine[] {
  const { bill, label } = item;
  if (claim.fixed !== undefined) {
    const defaultLabel = bill.percent !== undefined ? `Échéance de ${bill.percent} %` : "Échéance forfaitaire";
    return [{ label: label ?? defaultLabel, quantity: new Decimal(1), unitPrice: claim.fixed, net: claim.fixed, source: { type: "item", itemIndex: index } }];
  }
  if (bill.realized !== undefined) return realizedLines(claim.work, bill.realized, label, index);
  if (bill.progress !== undefined) return progressLines(claim.progress, bill.progress, label, index, lotOrder);
  return [];
}

function itemStates(schedule: readonly ScheduleItem[], invoices: readonly ScheduleInvoice[]): ScheduleItemState[] {
  return schedule.map((_, index) => {
    const firedOn: IsoDate[] = [];
    let invoicedNet: Decimal = ZERO;
    let deductedNet: Decimal = ZERO;
    for (const invoice of invoices) {
      const own = invoice.lines.filter((l) => l.source.type === "item" && l.source.itemIndex === index);
      if (own.length > 0) firedOn.push(invoice.date);
      for (const line of own) invoicedNet = invoicedNet.plus(line.net);
      for (const line of invoice.lines) {
        if (line.source.type !== "deduction") continue;
        const deposit = invoices[line.source.invoiceIndex];
        for (const depositLine of deposit?.lines ?? []) {
          if (depositLine.source.type === "item" && depositLine.source.itemIndex === index) deductedNet = deductedNet.plus(depositLine.net);
        }
      }
    }
    return { index, firedOn, invoicedNet, deductedNet };
  });
}
