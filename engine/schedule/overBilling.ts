import { RuleError } from "../errors.js";
import { formatDateShortFr } from "../dates/plainDate.js";
import { formatEuros } from "../money/formatEuros.js";
import { Decimal, sum } from "../money/money.js";
import type { ScheduleInvoice } from "./scheduleInvoice.js";

/**
 * Rule 11: with flat or lots pricing, the net billed on the dossier — all its invoices, deduction
 * lines included — may never exceed the price. The refusal names the item whose line tips the
 * total over the price (deductions of the same invoice counted first), else the last item.
 */
export function overBillingError(price: Decimal | null, billedBefore: Decimal, invoice: ScheduleInvoice): RuleError | undefined {
  if (price === null) return undefined;
  const after = billedBefore.plus(invoice.netAmount);
  if (after.lte(price)) return undefined;
  const deductions = sum(invoice.lines.filter((l) => l.source.type === "deduction").map((l) => l.net));
  let running = billedBefore.plus(deductions);
  let culprit: number | undefined;
  for (const line of invoice.lines) {
    if (line.source.type !== "item") continue;
    running = running.plus(line.net);
    culprit = line.source.itemIndex;
    if (running.gt(price)) break;
  }
  return new RuleError(
    `la facture du ${formatDateShortFr(invoice.date)} porterait le total facturé sur le dossier à ${formatEuros(after)} HT, au-delà du prix de ${formatEuros(price)} HT`,
    { field: culprit === undefined ? "schedule" : `schedule[${culprit}]`, code: "over_billing" },
  );
}
