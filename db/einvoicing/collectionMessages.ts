import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { documentTypeCode } from "../../engine/einvoice/documentCodes.js";
import { buildCdarXml } from "../../engine/einvoice/lifecycle/buildCdarXml.js";
import { type CollectionEvent, type RateAmounts, collectionsByRate } from "../../engine/einvoice/lifecycle/collectionsByRate.js";
import { collectionStatusMessage } from "../../engine/einvoice/lifecycle/collectionStatusMessage.js";
import { ACCOUNTS } from "../../engine/ledger/accounts.js";
import { toAmountString, toDecimal } from "../../engine/money/money.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import type { VatExemption, VatRate } from "../../engine/vat/vatRate.js";
import { appendAuditInTransaction } from "../audit/appendAudit.js";
import { type Database, rowsOf } from "../database.js";
import { withDatabaseErrors } from "../postgresError.js";
import { invoiceLines, invoices, type InvoiceRow } from "../schema/invoices.js";
import { lifecycleMessages, type LifecycleMessageRow } from "../schema/lifecycle.js";
import { paDepositAttempts, paTransmissions } from "../schema/transmissions.js";
import { parisDateTime } from "./parisDateTime.js";

/** The amounts per VAT rate of a document's lines (TTC and VAT, VAT once per rate as on the invoice). */
function rateAmounts(lines: readonly { net: string; vatRate: string; vatExemption: string | null }[]): RateAmounts[] {
  const totals = computeTotals(lines.map((l) => ({ net: toDecimal(l.net), vatRate: l.vatRate as VatRate, vatExemption: (l.vatExemption as VatExemption | null) ?? undefined })));
  return totals.breakdown.map((r) => ({ rate: r.vatRate, gross: r.base.plus(r.vatAmount), vat: r.vatAmount }));
}

/**
 * The invoices that owe a 212 « Encaissée »: services (or mixed) invoices and deposits of a seller
 * whose VAT is due on collection (no option for debits), with a collection (payment or imputed client
 * credit) that has no 212 yet.
 */
async function invoicesOwingCollectionStatus(db: Database, onlyInvoiceIds?: readonly number[]): Promise<number[]> {
  const rows = rowsOf<{ invoice_id: number }>(
    await db.execute(sql`
      select distinct a.invoice_id from payment_allocations a
      join invoices i on i.id = a.invoice_id
      where i.kind in ('invoice', 'deposit') and i.supply_type in ('services', 'mixed')
        and coalesce((i.seller_snapshot ->> 'vatOnDebits')::boolean, false) = false
        and not exists (select 1 from lifecycle_messages m where m.invoice_id = a.invoice_id and m.payment_id = a.payment_id)
        ${onlyInvoiceIds ? sql`and a.invoice_id in (${sql.join(onlyInvoiceIds.length ? onlyInvoiceIds.map((id) => sql`${id}`) : [sql`null`], sql`, `)})` : sql``}
      order by a.invoice_id`),
  );
  return rows.map((r) => r.invoice_id);
}

/**
 * What the ledger did to an invoice, in its order (entry id): credit notes correcting it, and each
 * collection allocated to it — the amount off 411 and the VAT moved 44574 → 44571 — by payment.
 */
async function ledgerTimeline(db: Database, invoice: InvoiceRow): Promise<{ events: CollectionEvent[]; collections: { paymentId: number; date: string }[] }> {
  const creditNotes = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.kind, "credit_note"), eq(invoices.correctsInvoiceId, invoice.id), notInArray(invoices.status, ["draft", "cancelled"])));
  const creditNoteIds = creditNotes.map((c) => c.id);
  const cnLines = creditNoteIds.length ? await db.select().from(invoiceLines).where(inArray(invoiceLines.invoiceId, creditNoteIds)) : [];
  const entries = rowsOf<{ id: number; kind: string; entry_date: string; payment_id: number | null; invoice_id: number | null; collected: string; vat: string }>(
    await db.execute(sql`
      select e.id, e.kind, e.entry_date::text as entry_date, e.payment_id, e.invoice_id,
        coalesce(sum(case when l.account = ${ACCOUNTS.clients} and l.invoice_id = ${invoice.id} then l.credit - l.debit end), 0)::text as collected,
        coalesce(sum(case when l.account = ${ACCOUNTS.vatCollected} and l.invoice_id = ${invoice.id} then l.credit - l.debit end), 0)::text as vat
      from ledger_entries e join ledger_lines l on l.entry_id = e.id
      where (e.kind in ('payment', 'credit_application') and l.invoice_id = ${invoice.id})
        ${creditNoteIds.length ? sql`or (e.kind = 'credit_note' and e.invoice_id in (${sql.join(creditNoteIds.map((id) => sql`${id}`), sql`, `)}))` : sql``}
      group by e.id order by e.id`),
  );
  const events: CollectionEvent[] = [];
  const collections: { paymentId: number; date: string }[] = [];
  for (const e of entries) {
    if (e.kind === "credit_note" && e.invoice_id !== null) {
      events.push({ kind: "credit_note", rates: rateAmounts(cnLines.filter((l) => l.invoiceId === e.invoice_id)) });
    } else if (e.payment_id !== null && !toDecimal(e.collected).isZero()) {
      events.push({ kind: "collection", key: String(e.payment_id), amount: toDecimal(e.collected), vat: toDecimal(e.vat) });
      collections.push({ paymentId: e.payment_id, date: e.entry_date });
    }
  }
  return { events, collections };
}

/** "F-2026-0045-212-2": the tracking id of the n-th 212 of an invoice (36 characters at most). */
function collectionTrackingId(number: string, sequence: number, invoiceId: number, paymentId: number): string {
  const readable = `${number}-212-${sequence}`;
  return readable.length <= 36 ? readable : `212-${invoiceId}-${paymentId}`;
}

export interface EmitCollectionOptions {
  readonly now: Date;
  readonly actor: string;
  readonly channel: string;
  /** Only these invoices (e.g. those a payment just paid). */
  readonly invoiceIds?: readonly number[] | undefined;
}

/**
 * Builds and stores the 212 « Encaissée » of every collection that has none yet (one transaction per
 * invoice, audited), and queues each for the platform. The amounts per VAT rate follow the ledger
 * (`collectionsByRate`): they add up to what 411 received and their VAT to what 44571 received.
 * Safe to call again: a collection gets one message.
 */
export async function emitCollectionMessages(db: Database, options: EmitCollectionOptions): Promise<LifecycleMessageRow[]> {
  const created: LifecycleMessageRow[] = [];
  for (const invoiceId of await invoicesOwingCollectionStatus(db, options.invoiceIds)) {
    const rows = await withDatabaseErrors(() =>
      db.transaction(async (tx) => {
        const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("no key update");
        if (!invoice?.number || !invoice.issueDate || !invoice.sellerSnapshot || !invoice.buyerSnapshot || !invoice.issuedAt) return [];
        const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position));
        const { events, collections } = await ledgerTimeline(tx, invoice);
        const split = collectionsByRate(rateAmounts(lines), events);
        const existing = new Set((await tx.select({ paymentId: lifecycleMessages.paymentId }).from(lifecycleMessages).where(eq(lifecycleMessages.invoiceId, invoice.id))).map((m) => m.paymentId));
        const [deposit] = await tx
          .select({ submittedAt: paDepositAttempts.submittedAt, attemptedAt: paDepositAttempts.attemptedAt })
          .from(paDepositAttempts)
          .innerJoin(paTransmissions, eq(paTransmissions.id, paDepositAttempts.transmissionId))
          .where(and(eq(paTransmissions.invoiceId, invoice.id), sql`${paTransmissions.lifecycleMessageId} is null`, inArray(paDepositAttempts.outcome, ["deposited", "already_deposited"])));
        const receivedInstant = deposit?.submittedAt && !Number.isNaN(Date.parse(deposit.submittedAt)) ? new Date(deposit.submittedAt) : (deposit?.attemptedAt ?? invoice.issuedAt);
        const out: LifecycleMessageRow[] = [];
        for (const [index, collection] of collections.entries()) {
          if (existing.has(collection.paymentId)) continue;
          const amounts = split.get(String(collection.paymentId)) ?? [];
          const message = collectionStatusMessage({
            invoice: { number: invoice.number, typeCode: documentTypeCode(invoice.kind), issueDate: invoice.issueDate, receivedAt: parisDateTime(receivedInstant) },
            seller: invoice.sellerSnapshot,
            buyer: invoice.buyerSnapshot,
            collectedOn: collection.date,
            amounts,
            sequence: index + 1,
            createdAt: parisDateTime(options.now),
          });
          const [row] = await tx
            .insert(lifecycleMessages)
            .values({
              invoiceId: invoice.id,
              paymentId: collection.paymentId,
              statusCode: "212",
              documentId: message.documentId,
              collectedOn: collection.date,
              amounts: amounts.map((a) => ({ rate: a.rate, amount: toAmountString(a.amount), vat: toAmountString(a.vat) })),
              xml: buildCdarXml(message),
              createdAt: options.now,
            })
            .onConflictDoNothing()
            .returning();
          if (!row) continue;
          existing.add(collection.paymentId);
          await tx.insert(paTransmissions).values({
            invoiceId: invoice.id,
            lifecycleMessageId: row.id,
            trackingId: collectionTrackingId(invoice.number, index + 1, invoice.id, collection.paymentId),
            flowSyntax: "CDAR",
          });
          await appendAuditInTransaction(tx, {
            actor: options.actor,
            channel: options.channel,
            action: "lifecycle_message_emitted",
            subjectType: "invoice",
            subjectId: invoice.number,
            details: { statusCode: "212", documentId: row.documentId, paymentId: collection.paymentId, collectedOn: collection.date, amounts: row.amounts },
            at: options.now,
          });
          out.push(row);
        }
        return out;
      }),
    );
    created.push(...rows);
  }
  return created;
}

/** Every lifecycle message emitted, oldest first (for `export cdar`), or those of some invoices. */
export async function emittedMessages(db: Database, invoiceIds?: readonly number[]): Promise<(LifecycleMessageRow & { invoiceNumber: string })[]> {
  const rows = await db
    .select({ message: lifecycleMessages, invoiceNumber: invoices.number })
    .from(lifecycleMessages)
    .innerJoin(invoices, eq(invoices.id, lifecycleMessages.invoiceId))
    .where(invoiceIds ? inArray(lifecycleMessages.invoiceId, invoiceIds.length ? [...invoiceIds] : [-1]) : undefined)
    .orderBy(asc(lifecycleMessages.id));
  return rows.map((r) => ({ ...r.message, invoiceNumber: r.invoiceNumber ?? "" }));
}
