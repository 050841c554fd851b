import { and, eq, inArray, sql } from "drizzle-orm";
import { type Decimal, ZERO, toDecimal } from "../../engine/money/money.js";
import type { Database } from "../database.js";
import { type InvoiceStatus, invoices } from "../schema/invoices.js";

/** What credit notes have taken off an invoice: the sum of their amounts due, as a positive amount. */
export async function creditedAmount(tx: Database, invoiceId: number): Promise<Decimal> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${invoices.amountDue}), 0)` })
    .from(invoices)
    .where(and(eq(invoices.correctsInvoiceId, invoiceId), eq(invoices.kind, "credit_note"), inArray(invoices.status, ["issued", "sent", "partially_paid", "paid"])));
  return toDecimal(String(row?.total ?? "0")).negated();
}

/**
 * The status an issued invoice or deposit has from what was paid and credited: paid when nothing is
 * left, partially paid when something was paid, cancelled when credit notes took it all, else unchanged
 * (issued or sent). Credit notes keep their status.
 */
export async function settleInvoiceStatus(tx: Database, invoiceId: number): Promise<InvoiceStatus | undefined> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!row || row.kind === "credit_note" || row.status === "draft") return row?.status;
  const paid = toDecimal(row.amountPaid);
  const credited = await creditedAmount(tx, invoiceId);
  const left = toDecimal(row.amountDue).minus(paid).minus(credited);
  const base: InvoiceStatus = row.sentAt !== null ? "sent" : "issued";
  const status: InvoiceStatus = left.lte(ZERO) ? (paid.isZero() ? "cancelled" : "paid") : paid.greaterThan(ZERO) ? "partially_paid" : base;
  if (status !== row.status) {
    await tx.update(invoices).set({ status }).where(eq(invoices.id, invoiceId));
  }
  return status;
}
