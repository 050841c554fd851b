import { Decimal, HUNDRED, ZERO, roundCents, sum } from "../money/money.js";
import type { BillingEvent } from "../scenario/billingEvent.js";
import type { Lot } from "../scenario/pricing.js";
import type { ScheduleLine } from "./scheduleInvoice.js";

/**
 * Progress billing by lot (facturation à l'avancement), rule 5. A lot's cumulative progress is a
 * percent of its amount, or a cumulative amount (the amount is then the reference). What a
 * progress item bills for a lot is the difference between its current progress and what was
 * last billed: lot amount × (cumulative % − billed %) / 100, or the amount difference. It is
 * negative when progress went down.
 */
type Reference = { readonly kind: "percent" | "amount"; readonly value: Decimal };

export interface LotProgress {
  readonly name: string;
  readonly amount: Decimal;
  current: Reference;
  billed: Reference;
}

export interface LotChange {
  readonly lot: string;
  /** Exact, not rounded. */
  readonly amount: Decimal;
}

export function initialLotProgress(lots: readonly Lot[]): LotProgress[] {
  const nothing: Reference = { kind: "percent", value: ZERO };
  return lots.map((l) => ({ name: l.name, amount: new Decimal(l.amount), current: nothing, billed: nothing }));
}

/** Records a progress event (the latest cumulative value wins). Mutates the replay's own state. */
export function recordProgress(lots: LotProgress[], event: Extract<BillingEvent, { type: "progress" }>): void {
  const lot = lots.find((l) => l.name === event.lot);
  if (lot === undefined) return;
  lot.current = event.percent !== undefined ? { kind: "percent", value: new Decimal(event.percent) } : { kind: "amount", value: new Decimal(event.amount ?? "0") };
}

const referenceAmount = (lot: LotProgress, ref: Reference) => (ref.kind === "amount" ? ref.value : lot.amount.times(ref.value).dividedBy(HUNDRED));

function changeOf(lot: LotProgress): Decimal {
  if (lot.current.kind === "percent" && lot.billed.kind === "percent") {
    return lot.amount.times(lot.current.value.minus(lot.billed.value)).dividedBy(HUNDRED);
  }
  return referenceAmount(lot, lot.current).minus(referenceAmount(lot, lot.billed));
}

/** The lots whose progress changed since last billed, in pricing order; marks them billed. */
export function takeProgressChanges(lots: LotProgress[]): LotChange[] {
  const changes: LotChange[] = [];
  for (const lot of lots) {
    const amount = changeOf(lot);
    if (amount.isZero()) continue;
    changes.push({ lot: lot.name, amount });
    lot.billed = lot.current;
  }
  return changes;
}

/**
 * Lines of a progress item: `detailed` one line per changed lot (its net rounded), `global` one
 * line whose net is the rounded sum of the exact per-lot amounts (choice: rounded once, on the line).
 * Changes of one lot taken several times the same day are merged into one line.
 */
export function progressLines(changes: readonly LotChange[], mode: "detailed" | "global", label: string | undefined, itemIndex: number, lotOrder: readonly string[]): ScheduleLine[] {
  const source = { type: "item", itemIndex } as const;
  const one = new Decimal(1);
  if (mode === "global") {
    const net = roundCents(sum(changes.map((c) => c.amount)));
    return [{ label: label ?? "Avancement des lots", quantity: one, unitPrice: net, net, source }];
  }
  return lotOrder.flatMap((lot) => {
    const ofLot = changes.filter((c) => c.lot === lot);
    if (ofLot.length === 0) return [];
    const net = roundCents(sum(ofLot.map((c) => c.amount)));
    return [{ label: label ? `${label} : ${lot}` : lot, quantity: one, unitPrice: net, net, source }];
  });
}
