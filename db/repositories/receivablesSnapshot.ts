import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { DunningLevel } from "../../engine/dunning/dunningLevel.js";
import { toDecimal } from "../../engine/money/money.js";
import type { PaymentAllocation, ReceivableDocument } from "../../engine/receivables/receivableDocument.js";
import type { Database } from "../database.js";
import { clients } from "../schema/clients.js";
import { invoices } from "../schema/invoices.js";
import { paymentAllocations, payments } from "../schema/payments.js";
import { reminders } from "../schema/reminders.js";
import { engineId } from "./engineId.js";
import { dunningLevelOfColumn } from "./reminderLevelColumn.js";

/** A reminder sent on an invoice, in the engine's terms (ids are `engineId`s of the invoice rows). */
export interface SentReminderRecord {
  readonly invoiceId: string;
  readonly level: DunningLevel;
  readonly date: IsoDate;
}

/**
 * What the receivables engine needs, read from the ledger: every issued document (invoices,
 * deposits, credit notes; drafts and cancelled ones excluded), every payment allocation dated
 * by its payment, and the reminders actually sent. Ids are `engineId`s of the database rows.
 */
export interface ReceivablesSnapshot {
  readonly documents: readonly ReceivableDocument[];
  readonly allocations: readonly PaymentAllocation[];
  readonly reminders: readonly SentReminderRecord[];
}

/**
 * Loads the receivables snapshot, optionally of one client. One query per table, whatever the
 * number of invoices; the engine then computes statuses, aging, KPIs and dunning from it.
 */
export async function loadReceivablesSnapshot(db: Database, filter: { readonly clientId?: number | undefined } = {}): Promise<ReceivablesSnapshot> {
  const issued = notInArray(invoices.status, ["draft", "cancelled"]);
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      kind: invoices.kind,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      amountDue: invoices.amountDue,
      clientId: invoices.clientId,
      clientName: clients.name,
      disputed: invoices.disputed,
      correctsInvoiceId: invoices.correctsInvoiceId,
    })
    .from(invoices)
    .innerJoin(clients, eq(clients.id, invoices.clientId))
    .where(filter.clientId === undefined ? issued : and(issued, eq(invoices.clientId, filter.clientId)))
    .orderBy(asc(invoices.issueDate), asc(invoices.id));
  const documents: ReceivableDocument[] = rows.flatMap((r) => {
    // An issued row always has a number and dates (database check); a malformed one is skipped.
    if (r.number === null || r.issueDate === null || r.dueDate === null) return [];
    return [
      {
        id: engineId(r.id),
        number: r.number,
        kind: r.kind,
        issueDate: r.issueDate,
        // A credit note's due date is its issue date when stored earlier (the engine only needs order).
        dueDate: r.dueDate < r.issueDate ? r.issueDate : r.dueDate,
        amountDue: toDecimal(r.amountDue),
        clientId: engineId(r.clientId),
        clientName: r.clientName,
        disputed: r.disputed,
        ...(r.kind === "credit_note" && r.correctsInvoiceId !== null ? { correctsInvoiceId: engineId(r.correctsInvoiceId) } : {}),
      },
    ];
  });
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { documents, allocations: [], reminders: [] };
  const allocationRows = await db
    // An imputed client credit counts from the day it was imputed, not from its payment's date.
    .select({ invoiceId: paymentAllocations.invoiceId, amount: paymentAllocations.amount, date: sql<string>`coalesce(${paymentAllocations.allocatedOn}, ${payments.receivedOn})::text` })
    .from(paymentAllocations)
    .innerJoin(payments, eq(payments.id, paymentAllocations.paymentId))
    .where(filter.clientId === undefined ? undefined : inArray(paymentAllocations.invoiceId, ids))
    .orderBy(sql`coalesce(${paymentAllocations.allocatedOn}, ${payments.receivedOn})::text`, asc(paymentAllocations.id));
  const reminderRows = await db
    .select({ invoiceId: reminders.invoiceId, level: reminders.level, date: reminders.remindedOn })
    .from(reminders)
    .where(filter.clientId === undefined ? eq(reminders.status, "sent") : and(eq(reminders.status, "sent"), inArray(reminders.invoiceId, ids)))
    .orderBy(asc(reminders.remindedOn), asc(reminders.id));
  const known = new Set(documents.map((d) => d.id));
  return {
    documents,
    allocations: allocationRows
      .filter((a) => known.has(engineId(a.invoiceId)))
      .map((a) => ({ invoiceId: engineId(a.invoiceId), amount: toDecimal(a.amount), date: a.date })),
    reminders: reminderRows.flatMap((r) => {
      const level = dunningLevelOfColumn(r.level);
      return level && known.has(engineId(r.invoiceId)) ? [{ invoiceId: engineId(r.invoiceId), level, date: r.date }] : [];
    }),
  };
}
