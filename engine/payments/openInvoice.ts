import { z } from "zod";
import type { IsoDate } from "../dates/plainDate.js";
import { type Decimal, toDecimal } from "../money/money.js";
import { AmountStringSchema } from "../wire/decimalString.js";
import { IsoDateSchema } from "../wire/isoDate.js";

/** An invoice with something left to pay, as payment allocation and bank matching see it. */
export interface OpenInvoice {
  readonly invoiceId: string;
  readonly number: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  /** What is left to pay, TTC (an `InvoiceReceivable.outstanding`). */
  readonly outstanding: Decimal;
  readonly disputed?: boolean | undefined;
}

export const OpenInvoiceWireSchema = z.object({
  invoiceId: z.string().min(1, "ne peut pas être vide"),
  number: z.string().min(1, "ne peut pas être vide"),
  clientId: z.string().min(1, "ne peut pas être vide"),
  clientName: z.string(),
  issueDate: IsoDateSchema,
  dueDate: IsoDateSchema,
  outstanding: AmountStringSchema.refine((s) => !s.startsWith("-"), { message: "ne peut pas être négatif" }),
  disputed: z.boolean().optional(),
});
export type OpenInvoiceWire = z.infer<typeof OpenInvoiceWireSchema>;

export function openInvoiceFromWire(wire: OpenInvoiceWire): OpenInvoice {
  return { ...wire, outstanding: toDecimal(wire.outstanding) };
}

/** Oldest due first, then oldest issued, then by number: the order automatic allocation pays invoices in. */
export function compareOldestDueFirst(a: OpenInvoice, b: OpenInvoice): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.issueDate !== b.issueDate) return a.issueDate < b.issueDate ? -1 : 1;
  return a.number.localeCompare(b.number);
}
