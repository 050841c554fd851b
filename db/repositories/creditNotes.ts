import { and, eq, notInArray } from "drizzle-orm";
import { NotFoundError } from "../../engine/errors.js";
import { type Decimal, ZERO, sum, toDecimal } from "../../engine/money/money.js";
import type { Database } from "../database.js";
import { type InvoiceStatus, invoices } from "../schema/invoices.js";

/** What the issued credit notes correcting an invoice already credit, as positive amounts. */
export interface Credited {
  readonly net: Decimal;
  readonly gross: Decimal;
  readonly numbers: readonly string[];
}

/**
 * Sums the issued credit notes (drafts and cancelled ones excluded) correcting `invoiceId`.
 * With `lock`, the corrected invoice's row is locked first (FOR NO KEY UPDATE, the lock issuing
 * takes), so two credit notes on one invoice are checked one after the other.
 */
export async function creditedOn(db: Database, invoiceId: number, options: { readonly lock?: boolean } = {}): Promise<Credited> {
  if (options.lock) await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, invoiceId)).for("no key update");
  const rows = await db
    .select({ number: invoices.number, net: invoices.netAmount, gross: invoices.amountDue })
    .from(invoices)
    .where(and(eq(invoices.correctsInvoiceId, invoiceId), eq(invoices.kind, "credit_note"), notInArray(invoices.status, ["draft", "cancelled"])));
  return {
    net: sum(rows.map((r) => toDecimal(r.net).abs())),
    gross: sum(rows.map((r) => toDecimal(r.gross).abs())),
    numbers: rows.flatMap((r) => (r.number ? [r.number] : [])),
  };
}

/**
 * The stored status of an invoice once its credit notes and payments are counted:
 * - nothing left to pay and nothing paid → `credited` (annulée par avoir);
 * - nothing left to pay, something paid → `paid` (an excess stays as a credit on 411);
 * - something left to pay → `partially_paid` when something was paid, else its issued / sent state.
 */
export function statusAfterCredit(current: InvoiceStatus, amountDue: Decimal, credited: Decimal, paid: Decimal): InvoiceStatus {
  const outstanding = amountDue.minus(credited).minus(paid);
  if (!outstanding.greaterThan(ZERO)) return paid.greaterThan(ZERO) ? "paid" : "credited";
  if (paid.greaterThan(ZERO)) return "partially_paid";
  return current === "sent" ? "sent" : "issued";
}

/**
 * After a credit note is issued (same transaction): sets the corrected invoice's status from what
 * its issued credit notes and payments now cover; `credited` also records `cancelled_at`.
 */
export async function settleCorrectedInvoice(tx: Database, invoiceId: number, now: Date): Promise<InvoiceStatus> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("no key update");
  if (!row) throw new NotFoundError(`facture corrigée ${invoiceId} introuvable`, { field: "correctsInvoiceId" });
  const credited = await creditedOn(tx, invoiceId);
  const status = statusAfterCredit(row.status, toDecimal(row.amountDue), credited.gross, toDecimal(row.amountPaid));
  if (status !== row.status) {
    await tx
      .update(invoices)
      .set({ status, ...(status === "credited" ? { cancelledAt: now } : {}) })
      .where(eq(invoices.id, invoiceId));
  }
  return status;
}
