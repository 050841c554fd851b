import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { postPayment } from "../../engine/ledger/postPayment.js";
import { type Decimal, ZERO, sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { appendAudit } from "../audit/appendAudit.js";
import { actionDigest } from "../canonicalDigest.js";
import type { Database } from "../database.js";
import { writeJournalEntry } from "../ledger/writeJournalEntry.js";
import { withDatabaseErrors } from "../postgresError.js";
import { type InvoiceRow, type InvoiceStatus, invoices } from "../schema/invoices.js";
import { ledgerEntries, ledgerLines } from "../schema/ledger.js";
import { type PaymentRow, paymentAllocations, payments } from "../schema/payments.js";
import { findSellerSettings } from "./seller.js";

export interface StoredPayment extends Omit<PaymentRow, "amount"> {
  readonly amount: Decimal;
}

export interface RecordPaymentInput {
  readonly clientId?: number | undefined;
  readonly receivedOn: IsoDate;
  readonly amount: Decimal;
  readonly method?: PaymentRow["method"] | undefined;
  readonly reference?: string | undefined;
  readonly payerName?: string | undefined;
  /** Stable key (bank transaction id, pending action id): recording twice is refused. */
  readonly ref?: string | undefined;
  readonly allocations: readonly { readonly invoiceId: number; readonly amount: Decimal }[];
  readonly actor: string;
  readonly channel: string;
  readonly pendingActionId?: string | undefined;
  readonly now?: Date | undefined;
}

export interface RecordPaymentResult {
  readonly payment: StoredPayment;
  readonly allocations: readonly { invoiceId: number; number: string; amount: Decimal; status: InvoiceStatus }[];
  /** The overpayment left on the client account (411 in credit). */
  readonly unallocated: Decimal;
}

/** Status from what is paid: paid, partially paid, or the issued / sent state it had. */
export function statusAfterPayment(row: Pick<InvoiceRow, "status" | "sentAt">, amountDue: Decimal, amountPaid: Decimal): InvoiceStatus {
  if (amountPaid.greaterThanOrEqualTo(amountDue)) return "paid";
  if (amountPaid.isPositive() && !amountPaid.isZero()) return "partially_paid";
  return row.sentAt ? "sent" : "issued";
}

/** VAT already transferred 44574 → 44571 for each invoice by earlier payments. */
export async function vatTransferredByInvoice(db: Database, invoiceIds: readonly number[]): Promise<Map<number, Decimal>> {
  const result = new Map<number, Decimal>();
  if (invoiceIds.length === 0) return result;
  const rows = await db
    .select({ invoiceId: ledgerLines.invoiceId, total: sql<string>`coalesce(sum(${ledgerLines.credit}), 0)::text` })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerEntries.kind, "payment"), eq(ledgerLines.account, "44571"), inArray(ledgerLines.invoiceId, [...invoiceIds])))
    .groupBy(ledgerLines.invoiceId);
  for (const r of rows) if (r.invoiceId !== null) result.set(r.invoiceId, toDecimal(r.total));
  return result;
}

/**
 * Records a payment with its allocations in one transaction: allocations (partial, several
 * invoices), invoice statuses and paid amounts, the bank-journal entry (with the VAT made due),
 * the audit row. What is not allocated stays as an overpayment on the client account.
 * Lock order: invoices by id → audit head.
 */
export async function recordPayment(db: Database, input: RecordPaymentInput): Promise<RecordPaymentResult> {
  if (!input.amount.isPositive() || input.amount.isZero()) throw new InputError("doit être positif", { field: "amount" });
  input.allocations.forEach((a, i) => {
    if (!a.amount.isPositive() || a.amount.isZero()) throw new InputError("doit être positif", { field: `allocations[${i}].amount` });
  });
  const ids = input.allocations.map((a) => a.invoiceId);
  if (new Set(ids).size !== ids.length) throw new InputError("une facture apparaît deux fois", { field: "allocations" });
  const allocated = sum(input.allocations.map((a) => a.amount));
  if (allocated.greaterThan(input.amount)) throw new InputError("les montants affectés dépassent le montant reçu", { field: "allocations" });

  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const locked = ids.length
        ? await tx.select().from(invoices).where(inArray(invoices.id, ids)).orderBy(asc(invoices.id)).for("no key update")
        : [];
      const byId = new Map(locked.map((r) => [r.id, r]));
      let clientId = input.clientId;
      input.allocations.forEach((a, i) => {
        const inv = byId.get(a.invoiceId);
        if (!inv) throw new NotFoundError(`facture ${a.invoiceId} introuvable`, { field: `allocations[${i}].invoiceId` });
        if (inv.status === "draft" || inv.status === "cancelled") throw new RuleError(`la facture ${inv.number ?? a.invoiceId} n'est pas à payer`, { field: `allocations[${i}].invoiceId`, code: "not_payable" });
        if (inv.kind === "credit_note") throw new RuleError(`${inv.number} est un avoir : il ne reçoit pas de règlement`, { field: `allocations[${i}].invoiceId`, code: "not_payable" });
        clientId ??= inv.clientId;
        if (inv.clientId !== clientId) throw new RuleError("les factures réglées appartiennent à des clients différents", { field: `allocations[${i}].invoiceId`, code: "client_mismatch" });
        const balance = toDecimal(inv.amountDue).minus(toDecimal(inv.amountPaid));
        if (a.amount.greaterThan(balance)) {
          throw new RuleError(`dépasse le reste dû de la facture ${inv.number} (${toAmountString(balance)})`, { field: `allocations[${i}].amount`, code: "over_allocation" });
        }
      });
      const seller = await findSellerSettings(tx);
      const transferred = await vatTransferredByInvoice(tx, ids);
      const now = input.now ?? new Date();
      const [payment] = await tx
        .insert(payments)
        .values({
          ref: input.ref ?? null,
          clientId: clientId ?? null,
          receivedOn: input.receivedOn,
          amount: toAmountString(input.amount),
          method: input.method ?? "transfer",
          reference: input.reference ?? null,
          payerName: input.payerName ?? null,
          recordedBy: input.actor,
          recordedAt: now,
        })
        .returning();
      if (!payment) throw new NotFoundError("règlement non enregistré");
      const results: { invoiceId: number; number: string; amount: Decimal; status: InvoiceStatus }[] = [];
      if (input.allocations.length > 0) {
        await tx.insert(paymentAllocations).values(input.allocations.map((a) => ({ paymentId: payment.id, invoiceId: a.invoiceId, amount: toAmountString(a.amount) })));
      }
      for (const a of input.allocations) {
        const inv = byId.get(a.invoiceId) as InvoiceRow;
        const paid = toDecimal(inv.amountPaid).plus(a.amount);
        const status = statusAfterPayment(inv, toDecimal(inv.amountDue), paid);
        await tx.update(invoices).set({ amountPaid: toAmountString(paid), status }).where(eq(invoices.id, inv.id));
        results.push({ invoiceId: inv.id, number: inv.number ?? String(inv.id), amount: a.amount, status });
      }
      const label = `Règlement ${input.reference ?? `n° ${payment.id}`} du ${input.receivedOn}`;
      const entry = postPayment({
        date: input.receivedOn,
        label,
        amount: input.amount,
        vatOnDebits: seller?.vatOnDebits ?? false,
        allocations: input.allocations.map((a) => {
          const inv = byId.get(a.invoiceId) as InvoiceRow;
          return {
            invoiceId: inv.id,
            number: inv.number ?? String(inv.id),
            amount: a.amount,
            invoiceAmountDue: toDecimal(inv.amountDue),
            invoiceVatAmount: toDecimal(inv.vatAmount),
            paidBefore: toDecimal(inv.amountPaid),
            vatTransferredBefore: transferred.get(inv.id) ?? ZERO,
          };
        }),
      });
      await writeJournalEntry(tx, entry, { paymentId: payment.id });
      const unallocated = input.amount.minus(allocated);
      await appendAudit(tx, {
        actor: input.actor,
        channel: input.channel,
        action: "payment_recorded",
        subjectType: "payment",
        subjectId: payment.id,
        pendingActionId: input.pendingActionId,
        payloadDigest: actionDigest("payment_recorded", {
          amount: toAmountString(input.amount),
          receivedOn: input.receivedOn,
          allocations: results.map((r) => ({ number: r.number, amount: toAmountString(r.amount) })),
        }),
        details: { amount: toAmountString(input.amount), unallocated: toAmountString(unallocated) },
        at: now,
      });
      return { payment: { ...payment, amount: toDecimal(payment.amount) }, allocations: results, unallocated };
    }),
  );
}

export async function listPayments(db: Database, filter: { clientId?: number } = {}): Promise<StoredPayment[]> {
  const rows = await db
    .select()
    .from(payments)
    .where(filter.clientId !== undefined ? eq(payments.clientId, filter.clientId) : undefined)
    .orderBy(asc(payments.receivedOn), asc(payments.id));
  return rows.map((p) => ({ ...p, amount: toDecimal(p.amount) }));
}

/** Payments with what is left unallocated (overpayments, unmatched transfers). */
export async function unallocatedPayments(db: Database): Promise<{ payment: StoredPayment; unallocated: Decimal }[]> {
  const rows = await db
    .select({ payment: payments, allocated: sql<string>`coalesce((select sum(${paymentAllocations.amount}) from ${paymentAllocations} where ${paymentAllocations.paymentId} = ${payments.id}), 0)::text` })
    .from(payments)
    .orderBy(asc(payments.receivedOn), asc(payments.id));
  return rows
    .map((r) => ({ payment: { ...r.payment, amount: toDecimal(r.payment.amount) }, unallocated: toDecimal(r.payment.amount).minus(toDecimal(r.allocated)) }))
    .filter((r) => r.unallocated.isPositive() && !r.unallocated.isZero());
}
