import { and, eq, inArray, or, sql } from "drizzle-orm";
import { ACCOUNTS } from "../../engine/ledger/accounts.js";
import { type Decimal, ZERO, toDecimal } from "../../engine/money/money.js";
import type { Database } from "../database.js";
import { invoices } from "../schema/invoices.js";
import { ledgerLines } from "../schema/ledger.js";

/**
 * Where an invoice's VAT stands in the ledger (TVA sur les encaissements), counting the lines of
 * the invoice itself and of the credit notes correcting it:
 * - `pending`: still in 44574 (credit − debit), i.e. not yet made due by a payment nor reversed;
 * - `collected`: in 44571 (credit − debit), i.e. made due by payments, less credit-note reversals.
 */
export interface InvoiceVatPosition {
  readonly pending: Decimal;
  readonly collected: Decimal;
}

/** The VAT position of each invoice in `invoiceIds` (one grouped query). Missing ids have zero. */
export async function invoiceVatPositions(db: Database, invoiceIds: readonly number[]): Promise<Map<number, InvoiceVatPosition>> {
  const result = new Map<number, InvoiceVatPosition>();
  if (invoiceIds.length === 0) return result;
  const ids = [...new Set(invoiceIds)];
  const target = sql<number>`coalesce(${invoices.correctsInvoiceId}, ${invoices.id})`;
  const rows = await db
    .select({
      invoiceId: target,
      pending: sql<string>`coalesce(sum(case when ${ledgerLines.account} = ${ACCOUNTS.vatPending} then ${ledgerLines.credit} - ${ledgerLines.debit} end), 0)::text`,
      collected: sql<string>`coalesce(sum(case when ${ledgerLines.account} = ${ACCOUNTS.vatCollected} then ${ledgerLines.credit} - ${ledgerLines.debit} end), 0)::text`,
    })
    .from(ledgerLines)
    .innerJoin(invoices, eq(invoices.id, ledgerLines.invoiceId))
    .where(and(inArray(ledgerLines.account, [ACCOUNTS.vatPending, ACCOUNTS.vatCollected]), or(inArray(invoices.id, ids), inArray(invoices.correctsInvoiceId, ids))))
    .groupBy(target);
  for (const r of rows) result.set(Number(r.invoiceId), { pending: toDecimal(r.pending), collected: toDecimal(r.collected) });
  for (const id of ids) if (!result.has(id)) result.set(id, { pending: ZERO, collected: ZERO });
  return result;
}

/** The VAT position of one invoice. */
export async function invoiceVatPosition(db: Database, invoiceId: number): Promise<InvoiceVatPosition> {
  return (await invoiceVatPositions(db, [invoiceId])).get(invoiceId) ?? { pending: ZERO, collected: ZERO };
}
