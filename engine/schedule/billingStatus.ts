import type { IsoDate } from "../dates/plainDate.js";
import { Decimal, HUNDRED, ZERO, roundCents, sum } from "../money/money.js";
import type { Contract } from "../scenario/contract.js";
import { pricingTotal } from "../scenario/pricing.js";
import { billKind } from "../scenario/scheduleItem.js";
import { describeScheduleItem } from "./describeScheduleItem.js";
import type { ReplayResult } from "./scheduleInvoice.js";

/** Where one échéance stands after a replay. Percents are of the dossier's price, to two decimals. */
export interface ItemBillingStatus {
  readonly index: number;
  /** French description, e.g. "Signature : 30 % du prix — à la signature". */
  readonly description: string;
  readonly triggered: boolean;
  readonly firstTriggeredOn: IsoDate | undefined;
  readonly firedOn: readonly IsoDate[];
  /** What the item is meant to bill in total: percent × price, the fixed amount, the price for progress; null for realized (open-ended) or without a price. */
  readonly plannedAmount: Decimal | null;
  readonly invoicedAmount: Decimal;
  readonly invoicedPercent: Decimal | null;
  readonly remainingAmount: Decimal | null;
  readonly remainingPercent: Decimal | null;
  /** For a deductible item: how much of it a closing invoice has deducted. */
  readonly deductedAmount: Decimal;
}

export interface BillingStatus {
  /** Flat amount or sum of lots; null for rate and per_action pricing. */
  readonly price: Decimal | null;
  readonly items: readonly ItemBillingStatus[];
  readonly totals: {
    /** Net billed on the dossier, deductions and credit notes included. */
    readonly billedNet: Decimal;
    readonly billedPercent: Decimal | null;
    readonly remainingNet: Decimal | null;
    readonly remainingPercent: Decimal | null;
    readonly invoiceCount: number;
    readonly closed: boolean;
    readonly closedOn: IsoDate | undefined;
  };
}

const percentOf = (part: Decimal, whole: Decimal | null) =>
  whole === null || whole.isZero() ? null : part.times(HUNDRED).dividedBy(whole).toDecimalPlaces(2);

/**
 * Billing status per schedule item and for the dossier, from a replay of the same contract
 * (`replaySchedule`). Payment progress is not here: it comes from payments, composed by the caller.
 */
export function billingStatus(contract: Contract, replay: ReplayResult): BillingStatus {
  const price = pricingTotal(contract.pricing);
  const items = contract.schedule.map((item, index): ItemBillingStatus => {
    const state = replay.items[index];
    const invoicedAmount = state?.invoicedNet ?? ZERO;
    const kind = billKind(item.bill);
    const plannedAmount =
      kind === "percent" && price !== null
        ? roundCents(price.times(new Decimal(item.bill.percent ?? "0")).dividedBy(HUNDRED))
        : kind === "amount"
          ? roundCents(new Decimal(item.bill.amount ?? "0"))
          : kind === "progress"
            ? price
            : null;
    const remainingAmount = plannedAmount === null ? null : plannedAmount.minus(invoicedAmount);
    const firedOn = state?.firedOn ?? [];
    return {
      index,
      description: describeScheduleItem(item),
      triggered: firedOn.length > 0,
      firstTriggeredOn: firedOn[0],
      firedOn,
      plannedAmount,
      invoicedAmount,
      invoicedPercent: percentOf(invoicedAmount, price),
      remainingAmount,
      remainingPercent: remainingAmount === null ? null : percentOf(remainingAmount, price),
      deductedAmount: state?.deductedNet ?? ZERO,
    };
  });
  const billedNet = sum(replay.invoices.map((i) => i.netAmount));
  const remainingNet = price === null ? null : price.minus(billedNet);
  return {
    price,
    items,
    totals: {
      billedNet,
      billedPercent: percentOf(billedNet, price),
      remainingNet,
      remainingPercent: remainingNet === null ? null : percentOf(remainingNet, price),
      invoiceCount: replay.invoices.length,
      closed: replay.closed,
      closedOn: replay.closedOn,
    },
  };
}
