import { formatDateShortFr } from "../dates/plainDate.js";
import { Decimal } from "../money/money.js";
import type { ScheduleInvoice, ScheduleLine } from "./scheduleInvoice.js";

/**
 * Rule 6: a closing invoice deducts every earlier deposit invoice (kind `deposit`, rule 8) as one
 * negative line per invoice, for its net amount; lines in the order of the deposits.
 */
export function deductionLines(earlier: readonly ScheduleInvoice[]): ScheduleLine[] {
  return earlier.flatMap((invoice, invoiceIndex) =>
    invoice.kind === "deposit"
      ? [
          {
            label: `Déduction de l'acompte du ${formatDateShortFr(invoice.date)}`,
            quantity: new Decimal(1),
            unitPrice: invoice.netAmount.negated(),
            net: invoice.netAmount.negated(),
            source: { type: "deduction", invoiceIndex, depositDate: invoice.date } as const,
          },
        ]
      : [],
  );
}
