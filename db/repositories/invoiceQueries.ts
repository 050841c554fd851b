import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { NotFoundError } from "../../engine/errors.js";
import type { InvoiceKind } from "../../engine/invoice/invoiceDocument.js";
import { type Decimal, toDecimal } from "../../engine/money/money.js";
import type { Database } from "../database.js";
import { type InvoiceStatus, invoiceLines, invoices } from "../schema/invoices.js";
import { paymentAllocations, payments } from "../schema/payments.js";
import { reminders, type ReminderRow } from "../schema/reminders.js";
import { type StoredInvoice, type StoredInvoiceLine, invoiceFromRow, lineFromRow } from "./storedInvoice.js";

export interface InvoiceFilter {
  readonly status?: readonly InvoiceStatus[] | undefined;
  readonly kind?: readonly InvoiceKind[] | undefined;
  readonly clientId?: number | undefined;
  readonly projectId?: number | undefined;
  /** Only invoices with a balance whose due date is before this date. */
  readonly overdueAsOf?: IsoDate | undefined;
  /** Issue date within [from, to]. */
  readonly issuedFrom?: IsoDate | undefined;
  readonly issuedTo?: IsoDate | undefined;
  readonly limit?: number | undefined;
}

const OPEN_STATUSES: InvoiceStatus[] = ["issued", "sent", "partially_paid"];

export async function listInvoices(db: Database, filter: InvoiceFilter = {}): Promise<StoredInvoice[]> {
  const conditions: (SQL | undefined)[] = [
    filter.status && filter.status.length > 0 ? inArray(invoices.status, [...filter.status]) : undefined,
    filter.kind && filter.kind.length > 0 ? inArray(invoices.kind, [...filter.kind]) : undefined,
    filter.clientId !== undefined ? eq(invoices.clientId, filter.clientId) : undefined,
    filter.projectId !== undefined ? eq(invoices.projectId, filter.projectId) : undefined,
    filter.overdueAsOf ? and(inArray(invoices.status, OPEN_STATUSES), lt(invoices.dueDate, filter.overdueAsOf)) : undefined,
    filter.issuedFrom ? gte(invoices.issueDate, filter.issuedFrom) : undefined,
    filter.issuedTo ? lte(invoices.issueDate, filter.issuedTo) : undefined,
  ];
  const query = db
    .select()
    .from(invoices)
    .where(and(...conditions))
    .orderBy(asc(invoices.issueDate), asc(invoices.number), asc(invoices.id));
  const rows = filter.limit ? await query.limit(filter.limit) : await query;
  return rows.map(invoiceFromRow);
}

export interface InvoiceDetails {
  readonly invoice: StoredInvoice;
  readonly lines: readonly StoredInvoiceLine[];
  readonly payments: readonly { paymentId: number; receivedOn: IsoDate; amount: Decimal; method: string; reference: string | null }[];
  readonly reminders: readonly ReminderRow[];
}

/** Finds an invoice by id or by number ("F-2026-00042"). */
export async function findInvoice(db: Database, idOrNumber: number | string): Promise<StoredInvoice | undefined> {
  const where = typeof idOrNumber === "number" ? eq(invoices.id, idOrNumber) : eq(invoices.number, idOrNumber);
  const [row] = await db.select().from(invoices).where(where);
  return row ? invoiceFromRow(row) : undefined;
}

export async function getInvoice(db: Database, idOrNumber: number | string): Promise<InvoiceDetails> {
  const invoice = await findInvoice(db, idOrNumber);
  if (!invoice) throw new NotFoundError(`facture ${idOrNumber} introuvable`, { field: "invoice" });
  const [lineRows, paymentRows, reminderRows] = await Promise.all([
    db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position)),
    db
      .select({
        paymentId: payments.id,
        // An imputed client credit is shown on the day it was imputed.
        receivedOn: sql<IsoDate>`coalesce(${paymentAllocations.allocatedOn}, ${payments.receivedOn})::text`,
        amount: paymentAllocations.amount,
        method: payments.method,
        reference: payments.reference,
      })
      .from(paymentAllocations)
      .innerJoin(payments, eq(payments.id, paymentAllocations.paymentId))
      .where(eq(paymentAllocations.invoiceId, invoice.id))
      .orderBy(asc(payments.receivedOn), asc(payments.id)),
    db.select().from(reminders).where(eq(reminders.invoiceId, invoice.id)).orderBy(asc(reminders.remindedOn), asc(reminders.id)),
  ]);
  return {
    invoice,
    lines: lineRows.map(lineFromRow),
    payments: paymentRows.map((p) => ({ ...p, amount: toDecimal(p.amount) })),
    reminders: reminderRows,
  };
}

/** The last issued invoices first (for "where are we" views). */
export async function latestIssuedInvoices(db: Database, limit = 20): Promise<StoredInvoice[]> {
  const rows = await db
    .select()
    .from(invoices)
    .where(or(eq(invoices.status, "issued"), eq(invoices.status, "sent"), eq(invoices.status, "partially_paid"), eq(invoices.status, "paid")))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(limit);
  return rows.map(invoiceFromRow);
}
