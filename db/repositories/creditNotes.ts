import { and, eq, notInArray } from "drizzle-orm";
import { type Decimal, sum, toDecimal } from "../../engine/money/money.js";
import type { Database } from "../database.js";
import { invoices } from "../schema/invoices.js";

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
