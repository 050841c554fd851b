import type { IsoDate } from "../dates/plainDate.js";
import { Decimal, ZERO, roundCents, sum } from "../money/money.js";
import type { BillingEvent } from "../scenario/billingEvent.js";
import type { Pricing } from "../scenario/pricing.js";
import type { ScheduleLine } from "./scheduleInvoice.js";

/**
 * Realized work (réalisé), rule 2: an action records quantity × rate (rate pricing), or for a
 * per_action price list: `hour`/`day` quantity × price, `flat` the price whatever the quantity,
 * `free` nothing. Flat and lots pricing record no work.
 */
export interface WorkEntry {
  readonly eventIndex: number;
  readonly date: IsoDate;
  /** The action name: the line label of `realized: "detailed"`. */
  readonly name: string;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  /** Exact, not rounded: the line rounds. */
  readonly amount: Decimal;
}

type ActionEvent = Extract<BillingEvent, { type: "action" }>;

/** The billable work an action records, or undefined when it records none (free, zero, flat/lots pricing). */
export function workOf(pricing: Pricing, event: ActionEvent, eventIndex: number): WorkEntry | undefined {
  const quantity = new Decimal(event.quantity);
  let entry: WorkEntry | undefined;
  if (pricing.type === "rate") {
    const unitPrice = new Decimal(pricing.rate);
    entry = { eventIndex, date: event.date, name: event.name, quantity, unitPrice, amount: quantity.times(unitPrice) };
  } else if (pricing.type === "per_action") {
    const action = pricing.actions.find((a) => a.name === event.name);
    if (action === undefined || action.unit === "free" || action.price === undefined) return undefined;
    const unitPrice = new Decimal(action.price);
    entry =
      action.unit === "flat"
        ? { eventIndex, date: event.date, name: event.name, quantity: new Decimal(1), unitPrice, amount: unitPrice }
        : { eventIndex, date: event.date, name: event.name, quantity, unitPrice, amount: quantity.times(unitPrice) };
  }
  return entry === undefined || entry.amount.isZero() ? undefined : entry;
}

/**
 * The quantity an action adds to attendance (rule 9: realized quantity / plannedQuantity). Choice:
 * every action counts its quantity except `free` ones (which record nothing, rule 2).
 */
export function attendanceQuantityOf(pricing: Pricing, event: ActionEvent): Decimal {
  if (pricing.type === "rate") return new Decimal(event.quantity);
  if (pricing.type === "per_action") {
    const action = pricing.actions.find((a) => a.name === event.name);
    return action === undefined || action.unit === "free" ? ZERO : new Decimal(event.quantity);
  }
  return ZERO;
}

/** Lines of a realized item: `summary` one line for all the work, `detailed` one line per action. */
export function realizedLines(entries: readonly WorkEntry[], mode: "summary" | "detailed", label: string | undefined, itemIndex: number): ScheduleLine[] {
  const source = { type: "item", itemIndex } as const;
  if (mode === "summary") {
    const net = roundCents(sum(entries.map((e) => e.amount)));
    return [{ label: label ?? "Réalisé", quantity: new Decimal(1), unitPrice: net, net, source }];
  }
  return entries.map((e) => ({
    label: label ? `${label} : ${e.name}` : e.name,
    quantity: e.quantity,
    unitPrice: e.unitPrice,
    net: roundCents(e.amount),
    source,
  }));
}
