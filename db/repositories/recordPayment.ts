import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import { checkAllocations } from "./checkAllocations.js";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { postPayment } from "../../engine/ledger/postPayment.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { type Decimal, ZERO, roundCents, sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { appendAudit } from "../audit/appendAudit.js";
import { actionDigest } from "../canonicalDigest.js";
import type { Database } from "../database.js";
import { invoiceVatPositions } from "../ledger/invoiceVatPosition.js";
import { writeJournalEntry } from "../ledger/writeJournalEntry.js";
import { withDatabaseErrors } from "../postgresError.js";
import { clients } from "../schema/clients.js";
import { type InvoiceStatus, invoices } from "../schema/invoices.js";
import { paymentAllocations, payments, type PaymentRow } from "../schema/payments.js";
import { findSellerSettings } from "./seller.js";

export const PAYMENT_METHODS = ["transfer", "cheque", "direct_debit", "card", "cash", "other"] as const;
export type PaymentMethod = PaymentRow["method"];

export interface RecordPaymentInput {
  readonly clientId: number;
  /** Positive, to the cent. */
  readonly amount: Decimal;
  readonly receivedOn: IsoDate;
  readonly method: PaymentMethod;
  readonly reference?: string | undefined;
  readonly payerName?: string | undefined;
  /** The split decided beforehand (by `engine/payments/allocatePayment`); the rest stays unallocated. */
  readonly allocations: readonly { readonly invoiceId: number; readonly amount: Decimal }[];
  readonly actor: string;
  readonly channel: string;
  /** E.g. the pending action id: stored as the payment's `ref`; recording twice with it returns the first. */
  readonly idempotencyKey?: string | undefined;
  readonly pendingActionId?: string | undefined;
  readonly now?: Date | undefined;
}

export interface RecordedAllocation {
  readonly invoiceId: number;
  readonly number: string;
  readonly amount: Decimal;
  readonly outstandingAfter: Decimal;
  readonly status: InvoiceStatus;
}

export interface RecordPaymentResult {
  readonly paymentId: number;
  readonly allocations: readonly RecordedAllocation[];
  /** Kept as a credit in the client's favour (trop-perçu), on account 411 without an invoice. */
  readonly unallocated: Decimal;
  readonly replayed: boolean;
}

/**
 * Records a payment received in ONE transaction: lock the invoices it pays (by id, so two
 * recorders never deadlock), re-check each allocation against what is left to pay NOW (TTC minus
 * issued credit notes minus payments already recorded), insert the payment and its allocations,
 * update each invoice's paid amount and status, post the bank-journal entry (D 512 / C 411, and the
 * paid share of the pending VAT 44574 → 44571 unless the seller opted for VAT on debits), and
 * append the audit row. Any refusal rolls everything back.
 */
export async function recordPayment(db: Database, input: RecordPaymentInput): Promise<RecordPaymentResult> {
  if (!input.amount.greaterThan(ZERO) || !roundCents(input.amount).equals(input.amount)) {
    throw new InputError("doit être un montant strictement positif, au centime", { field: "amount" });
  }
  checkAllocations(input.allocations);
  const allocated = sum(input.allocations.map((a) => a.amount));
  if (allocated.greaterThan(input.amount)) {
    throw new RuleError(`le total réparti (${formatEuros(allocated)}) dépasse le paiement (${formatEuros(input.amount)})`, { field: "allocations", code: "over_allocation" });
  }

  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      if (input.idempotencyKey !== undefined) {
        const [previous] = await tx.select().from(payments).where(eq(payments.ref, input.idempotencyKey));
        if (previous) return replayOf(tx, previous);
      }
      const [client] = await tx.select().from(clients).where(eq(clients.id, input.clientId));
      if (!client) throw new NotFoundError(`client ${input.clientId} introuvable`, { field: "clientId" });

      const plan = await planAllocations(tx, input.clientId, input.allocations);
      const seller = await findSellerSettings(tx);
      const label = `Règlement ${client.name} du ${formatDateShortFr(input.receivedOn)}${input.reference ? ` (${input.reference})` : ""}`;
      const entry = postPayment({
        date: input.receivedOn,
        label,
        amount: input.amount,
        vatOnDebits: seller?.vatOnDebits ?? false,
        allocations: plan.map((p) => ({
          invoiceId: p.invoice.id,
          number: p.number,
          amount: p.amount,
          invoiceAmountDue: p.netDue,
          invoiceVatAmount: p.netVat,
          paidBefore: p.paidBefore,
          vatTransferredBefore: p.vatTransferredBefore,
        })),
      });

      const [payment] = await tx
        .insert(payments)
        .values({
          ref: input.idempotencyKey ?? null,
          clientId: input.clientId,
          receivedOn: input.receivedOn,
          amount: toAmountString(input.amount),
          method: input.method,
          reference: input.reference ?? null,
          payerName: input.payerName ?? null,
          recordedBy: input.actor,
          ...(input.now ? { recordedAt: input.now } : {}),
        })
        .returning();
      if (!payment) throw new NotFoundError("paiement non enregistré");
      const recorded = await applyAllocations(tx, plan, payment.id);
      await writeJournalEntry(tx, entry, { paymentId: payment.id });
      const unallocated = input.amount.minus(allocated);
      const facts = {
        paymentId: payment.id,
        clientId: input.clientId,
        amount: toAmountString(input.amount),
        receivedOn: input.receivedOn,
        method: input.method,
        allocations: recorded.map((r) => ({ number: r.number, amount: toAmountString(r.amount) })),
        unallocated: toAmountString(unallocated),
      };
      await appendAudit(tx, {
        actor: input.actor,
        channel: input.channel,
        action: "payment_recorded",
        subjectType: "payment",
        subjectId: payment.id,
        pendingActionId: input.pendingActionId,
        payloadDigest: actionDigest("payment_recorded", facts),
        details: facts,
        at: input.now,
      });
      return { paymentId: payment.id, allocations: recorded, unallocated, replayed: false };
    }),
  );
}

/** One allocation as checked against the invoice's state now (the invoice row is locked). */
export interface PlannedAllocation {
  readonly invoice: typeof invoices.$inferSelect;
  readonly number: string;
  readonly amount: Decimal;
  /** TTC net of issued credit notes, and the VAT net of theirs. */
  readonly netDue: Decimal;
  readonly netVat: Decimal;
  readonly paidBefore: Decimal;
  /** VAT no longer pending in 44574 (made due by payments, or reversed by credit notes). */
  readonly vatTransferredBefore: Decimal;
  readonly outstandingAfter: Decimal;
}

/**
 * Locks the invoices (by id, so two recorders never deadlock) and checks each allocation against
 * what is left to pay NOW (TTC minus issued credit notes minus payments already recorded): issued,
 * not a credit note, the client's, within the outstanding. Shared by payments and credit imputations.
 */
export async function planAllocations(
  tx: Database,
  clientId: number,
  allocations: readonly { readonly invoiceId: number; readonly amount: Decimal }[],
): Promise<PlannedAllocation[]> {
  const seen = new Set(allocations.map((a) => a.invoiceId));
  const ids = [...seen].sort((a, b) => a - b);
  const locked = ids.length === 0 ? [] : await tx.select().from(invoices).where(inArray(invoices.id, ids)).orderBy(asc(invoices.id)).for("no key update");
  const credits = ids.length === 0 ? [] : await tx
    .select({ correctsInvoiceId: invoices.correctsInvoiceId, amountDue: invoices.amountDue, vatAmount: invoices.vatAmount })
    .from(invoices)
    .where(and(eq(invoices.kind, "credit_note"), inArray(invoices.correctsInvoiceId, ids), notInArray(invoices.status, ["draft", "cancelled"])));
  // The VAT each invoice still has pending in 44574 (its own lines and its credit notes').
  const vat = await invoiceVatPositions(tx, ids);
  return allocations.map((a, i) => {
    const field = `allocations[${i}]`;
    const invoice = locked.find((row) => row.id === a.invoiceId);
    if (!invoice || invoice.status === "draft" || invoice.status === "cancelled" || invoice.number === null) {
      throw new NotFoundError(`facture ${a.invoiceId} introuvable ou non émise`, { field: `${field}.invoiceId` });
    }
    if (invoice.kind === "credit_note") throw new RuleError(`${invoice.number} est un avoir : il ne se règle pas`, { field: `${field}.invoiceId` });
    if (invoice.clientId !== clientId) {
      throw new RuleError(`la facture ${invoice.number} n'est pas celle du client qui paie`, { field: `${field}.invoiceId`, code: "other_client" });
    }
    const own = credits.filter((c) => c.correctsInvoiceId === invoice.id);
    const netDue = toDecimal(invoice.amountDue).plus(sum(own.map((c) => toDecimal(c.amountDue))));
    const netVat = toDecimal(invoice.vatAmount).plus(sum(own.map((c) => toDecimal(c.vatAmount))));
    const paidBefore = toDecimal(invoice.amountPaid);
    const outstanding = netDue.minus(paidBefore);
    if (a.amount.greaterThan(outstanding)) {
      throw new RuleError(
        `dépasse le reste dû de la facture ${invoice.number} (${formatEuros(outstanding.isNegative() ? ZERO : outstanding)}) : elle a peut-être été réglée entre-temps`,
        { field: `${field}.amount`, code: "over_allocation" },
      );
    }
    const pending = vat.get(invoice.id)?.pending ?? ZERO;
    const vatTransferredBefore = netVat.minus(pending.isNegative() ? ZERO : pending);
    return { invoice, number: invoice.number, amount: a.amount, netDue, netVat, paidBefore, vatTransferredBefore, outstandingAfter: outstanding.minus(a.amount) };
  });
}

/** Inserts the allocations of `paymentId` (dated `allocatedOn` when not the payment's date) and updates each invoice's paid amount and status. */
export async function applyAllocations(tx: Database, plan: readonly PlannedAllocation[], paymentId: number, allocatedOn?: IsoDate): Promise<RecordedAllocation[]> {
  const recorded: RecordedAllocation[] = [];
  for (const p of plan) {
    await tx.insert(paymentAllocations).values({ paymentId, invoiceId: p.invoice.id, amount: toAmountString(p.amount), allocatedOn: allocatedOn ?? null });
    const status: InvoiceStatus = p.outstandingAfter.greaterThan(ZERO) ? "partially_paid" : "paid";
    await tx
      .update(invoices)
      .set({ amountPaid: toAmountString(p.paidBefore.plus(p.amount)), status })
      .where(eq(invoices.id, p.invoice.id));
    recorded.push({ invoiceId: p.invoice.id, number: p.number, amount: p.amount, outstandingAfter: p.outstandingAfter, status });
  }
  return recorded;
}

/** The result of a payment already recorded with this idempotency key (nothing is done again). */
async function replayOf(tx: Database, payment: PaymentRow): Promise<RecordPaymentResult> {
  const rows = await tx
    .select({ invoiceId: paymentAllocations.invoiceId, amount: paymentAllocations.amount, number: invoices.number, status: invoices.status, due: invoices.amountDue, paid: invoices.amountPaid })
    .from(paymentAllocations)
    .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .where(eq(paymentAllocations.paymentId, payment.id))
    .orderBy(asc(paymentAllocations.id));
  const allocations = rows.map((r) => ({
    invoiceId: r.invoiceId,
    number: r.number ?? String(r.invoiceId),
    amount: toDecimal(r.amount),
    outstandingAfter: toDecimal(r.due).minus(toDecimal(r.paid)),
    status: r.status,
  }));
  return { paymentId: payment.id, allocations, unallocated: toDecimal(payment.amount).minus(sum(allocations.map((a) => a.amount))), replayed: true };
}
