import { toDecimal, type Decimal } from "../../engine/money/money.js";
import type { VatExemption, VatRate } from "../../engine/vat/vatRate.js";
import type { InvoiceLineRow, InvoiceRow } from "../schema/invoices.js";

export interface StoredInvoiceLine extends Omit<InvoiceLineRow, "quantity" | "unitPrice" | "net" | "vatRate" | "vatExemption"> {
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly net: Decimal;
  readonly vatRate: VatRate;
  readonly vatExemption: VatExemption | null;
}

export interface StoredInvoice extends Omit<InvoiceRow, "netAmount" | "vatAmount" | "amountDue" | "amountPaid"> {
  readonly netAmount: Decimal;
  readonly vatAmount: Decimal;
  readonly amountDue: Decimal;
  readonly amountPaid: Decimal;
  /** amountDue − amountPaid. */
  readonly balance: Decimal;
}

export function invoiceFromRow(row: InvoiceRow): StoredInvoice {
  const amountDue = toDecimal(row.amountDue);
  const amountPaid = toDecimal(row.amountPaid);
  return {
    ...row,
    netAmount: toDecimal(row.netAmount),
    vatAmount: toDecimal(row.vatAmount),
    amountDue,
    amountPaid,
    balance: amountDue.minus(amountPaid),
  };
}

export function lineFromRow(row: InvoiceLineRow): StoredInvoiceLine {
  return {
    ...row,
    quantity: toDecimal(row.quantity),
    unitPrice: toDecimal(row.unitPrice),
    net: toDecimal(row.net),
    vatRate: row.vatRate as VatRate,
    vatExemption: (row.vatExemption as VatExemption | null) ?? null,
  };
}
