import { z } from "zod";
import { toAmountString, toPlainString, type Decimal } from "../money/money.js";
import type { ReplayResult } from "../schedule/scheduleInvoice.js";
import { DecimalStringSchema } from "../wire/decimalString.js";
import { IsoDateSchema } from "../wire/isoDate.js";

/** The `--json` output of `facturation simulate`, exactly as FORMAT.md shows it. */
export const ScenarioOutputLineSchema = z.object({
  label: z.string(),
  quantity: DecimalStringSchema,
  unitPrice: DecimalStringSchema,
  net: DecimalStringSchema,
});

export const ScenarioOutputInvoiceSchema = z.object({
  kind: z.enum(["invoice", "deposit", "credit_note"]),
  date: IsoDateSchema,
  dueDate: IsoDateSchema,
  lines: z.array(ScenarioOutputLineSchema),
  netAmount: DecimalStringSchema,
  vatAmount: DecimalStringSchema,
  amountDue: DecimalStringSchema,
});

export const ScenarioOutputSchema = z.object({
  invoices: z.array(ScenarioOutputInvoiceSchema),
  closed: z.boolean(),
});
export type ScenarioOutput = z.infer<typeof ScenarioOutputSchema>;

/** A unit price keeps its own precision when it has more than two decimals ("12.345"), else two ("70.00"). */
const unitPriceString = (value: Decimal) => (value.decimalPlaces() > 2 ? toPlainString(value) : toAmountString(value));

/** Amounts as two-decimal strings, quantities as plain decimal strings, no internal fields. */
export function toScenarioOutput(result: ReplayResult): ScenarioOutput {
  return {
    invoices: result.invoices.map((invoice) => ({
      kind: invoice.kind,
      date: invoice.date,
      dueDate: invoice.dueDate,
      lines: invoice.lines.map((line) => ({
        label: line.label,
        quantity: toPlainString(line.quantity),
        unitPrice: unitPriceString(line.unitPrice),
        net: toAmountString(line.net),
      })),
      netAmount: toAmountString(invoice.netAmount),
      vatAmount: toAmountString(invoice.vatAmount),
      amountDue: toAmountString(invoice.amountDue),
    })),
    closed: result.closed,
  };
}
