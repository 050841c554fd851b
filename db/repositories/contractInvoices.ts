import { asc, inArray } from "drizzle-orm";
import type { Database } from "../database.js";
import { invoiceLines, invoices } from "../schema/invoices.js";
import { contracts } from "../schema/projects.js";
import { invoiceFromRow, lineFromRow, type StoredInvoice, type StoredInvoiceLine } from "./storedInvoice.js";

export interface InvoiceWithLines {
  readonly invoice: StoredInvoice;
  readonly lines: readonly StoredInvoiceLine[];
}

/**
 * Every invoice (drafts, issued, credit notes; cancelled ones included — callers filter) of the
 * given contracts with its lines, in creation order: what a replay is compared with to know what
 * is already invoiced.
 */
export async function listContractInvoices(db: Database, contractIds: readonly number[]): Promise<InvoiceWithLines[]> {
  if (contractIds.length === 0) return [];
  const rows = await db.select().from(invoices).where(inArray(invoices.contractId, [...contractIds])).orderBy(asc(invoices.id));
  if (rows.length === 0) return [];
  const lineRows = await db
    .select()
    .from(invoiceLines)
    .where(inArray(invoiceLines.invoiceId, rows.map((r) => r.id)))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
  return rows.map((row) => ({ invoice: invoiceFromRow(row), lines: lineRows.filter((l) => l.invoiceId === row.id).map(lineFromRow) }));
}

/**
 * Locks the contracts' rows until the end of the caller's transaction, so two preparations of
 * the same contract run one after the other (the second sees the first one's drafts).
 */
export async function lockContracts(db: Database, contractIds: readonly number[]): Promise<void> {
  if (contractIds.length === 0) return;
  await db.select({ id: contracts.id }).from(contracts).where(inArray(contracts.id, [...contractIds])).orderBy(asc(contracts.id)).for("update");
}
