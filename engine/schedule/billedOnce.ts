import { type Bill, type ScheduleItem, billKind } from "../scenario/scheduleItem.js";

/**
 * A percent or fixed-amount échéance bills once and only once; a réalisé or progress item bills
 * again each time work or progress accrues. The replay and the issuing transaction both ask here.
 */
export function billsOnce(bill: Bill): boolean {
  const kind = billKind(bill);
  return kind === "percent" || kind === "amount";
}

/**
 * Of the schedule items an invoice's lines bill (their `scheduleItemIndex`, null for lines billing
 * none), the indexes of those that may be billed only once, each once, in ascending order.
 */
export function itemsBilledOnce(schedule: readonly ScheduleItem[], lineItemIndexes: readonly (number | null)[]): number[] {
  const indexes = [...new Set(lineItemIndexes.filter((i): i is number => i !== null))].sort((a, b) => a - b);
  return indexes.filter((i) => {
    const item = schedule[i];
    return item !== undefined && billsOnce(item.bill);
  });
}
