import { and, eq, sql } from "drizzle-orm";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { type AllocationToPost, postPayment } from "../../engine/ledger/postPayment.js";
import { ACCOUNTS } from "../../engine/ledger/accounts.js";
import { sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { appendAudit } from "../audit/appendAudit.js";
import { actionDigest } from "../canonicalDigest.js";
import { writeJournalEntry } from "../ledger/writeJournalEntry.js";
import { findClientByRef } from "../repositories/clients.js";
import { findInvoice } from "../repositories/invoices.js";
import { findSellerSettings } from "../repositories/seller.js";
import { invoices } from "../schema/invoices.js";
import { ledgerEntries, ledgerLines } from "../schema/ledger.js";
import { paymentAllocations, payments } from "../schema/payments.js";
import type { ImportContext } from "./importContext.js";
import type { HistoryPayment } from "./importFormat.js";
import { importedAt } from "./importHistoryInvoices.js";
import { creditedAmount, settleInvoiceStatus } from "./invoiceSettlement.js";
import { assertSameRecord } from "./recordConflict.js";

/** Pending VAT (44574) already made due by earlier payments of an invoice. */
async function vatTransferred(ctx: ImportContext, invoiceId: number) {
  const [row] = await ctx.tx
    .select({ total: sql<string>`coalesce(sum(${ledgerLines.debit}), 0)` })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerLines.invoiceId, invoiceId), eq(ledgerLines.account, ACCOUNTS.vatPending), eq(ledgerEntries.kind, "payment")));
  return toDecimal(String(row?.total ?? "0"));
}

/**
 * Imports payments received (by `ref`) with their allocations: each allocation must fit what is left
 * on the invoice (after earlier payments and credit notes); the rest of the payment stays unallocated
 * (trop-perçu). Writes the payment, its allocations, the invoices' amount paid and status, the
 * bank-journal entry (with the paid share of pending VAT made due) and an audit row.
 */
export async function importPayments(ctx: ImportContext, list: readonly HistoryPayment[]): Promise<void> {
  if (list.length === 0) return;
  const seller = await findSellerSettings(ctx.tx);
  const order = list.map((p, index) => ({ p, index })).sort((a, b) => (a.p.date < b.p.date ? -1 : a.p.date > b.p.date ? 1 : a.index - b.index));
  for (const { p, index } of order) {
    const field = `history.payments[${index}]`;
    const client = await findClientByRef(ctx.tx, p.client);
    if (!client) throw new NotFoundError(`client « ${p.client} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.client` });
    const amount = toDecimal(p.amount);
    const allocated = sum(p.allocations.map((a) => toDecimal(a.amount)));
    if (allocated.greaterThan(amount)) throw new InputError(`les affectations (${formatEuros(allocated)}) dépassent le montant du règlement (${formatEuros(amount)})`, { field: `${field}.allocations` });
    const seen = new Set<string>();
    p.allocations.forEach((a, j) => {
      if (seen.has(a.invoice)) throw new InputError(`facture « ${a.invoice} » affectée deux fois`, { field: `${field}.allocations[${j}].invoice` });
      seen.add(a.invoice);
    });

    const [stored] = await ctx.tx.select().from(payments).where(eq(payments.ref, p.ref));
    if (stored) {
      const storedAllocations = await ctx.tx
        .select({ invoice: invoices.number, amount: paymentAllocations.amount })
        .from(paymentAllocations)
        .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
        .where(eq(paymentAllocations.paymentId, stored.id));
      const norm = (xs: readonly { invoice: string | null; amount: string }[]) =>
        xs.map((x) => `${x.invoice ?? ""}=${toAmountString(toDecimal(x.amount))}`).sort();
      assertSameRecord(
        field,
        `le règlement « ${p.ref} »`,
        { clientId: client.id, date: p.date, amount: toAmountString(amount), method: p.method, allocations: norm(p.allocations) },
        { clientId: stored.clientId, date: stored.receivedOn, amount: toAmountString(toDecimal(stored.amount)), method: stored.method, allocations: norm(storedAllocations) },
      );
      ctx.counts.payments.unchanged += 1;
      continue;
    }

    const toPost: AllocationToPost[] = [];
    const targets: { invoiceId: number; amount: string }[] = [];
    for (const [j, a] of p.allocations.entries()) {
      const af = `${field}.allocations[${j}]`;
      const invoice = await findInvoice(ctx.tx, a.invoice);
      if (!invoice || invoice.status === "draft") throw new NotFoundError(`facture « ${a.invoice} » introuvable (ni dans le fichier ni en base)`, { field: `${af}.invoice` });
      if (invoice.kind === "credit_note") throw new RuleError(`« ${a.invoice} » est un avoir : un règlement s'affecte à une facture`, { field: `${af}.invoice` });
      if (invoice.clientId !== client.id) throw new RuleError(`la facture « ${a.invoice} » est celle d'un autre client`, { field: `${af}.invoice` });
      const share = toDecimal(a.amount);
      const left = invoice.amountDue.minus(invoice.amountPaid).minus(await creditedAmount(ctx.tx, invoice.id));
      if (share.greaterThan(left)) throw new RuleError(`dépasse le reste dû de la facture ${a.invoice} (${formatEuros(left)})`, { field: `${af}.amount`, code: "over_allocation" });
      toPost.push({
        invoiceId: invoice.id,
        number: a.invoice,
        amount: share,
        invoiceAmountDue: invoice.amountDue,
        invoiceVatAmount: invoice.vatAmount,
        paidBefore: invoice.amountPaid,
        vatTransferredBefore: await vatTransferred(ctx, invoice.id),
      });
      targets.push({ invoiceId: invoice.id, amount: toAmountString(invoice.amountPaid.plus(share)) });
    }

    const [row] = await ctx.tx
      .insert(payments)
      .values({
        ref: p.ref,
        clientId: client.id,
        receivedOn: p.date,
        amount: toAmountString(amount),
        method: p.method,
        reference: p.reference ?? null,
        payerName: p.payer ?? client.name,
        recordedBy: ctx.actor,
        recordedAt: importedAt(p.date),
      })
      .returning();
    if (!row) throw new RuleError("règlement non enregistré", { field });
    if (toPost.length > 0) {
      await ctx.tx.insert(paymentAllocations).values(toPost.map((a) => ({ paymentId: row.id, invoiceId: a.invoiceId ?? 0, amount: toAmountString(a.amount) })));
    }
    for (const t of targets) {
      await ctx.tx.update(invoices).set({ amountPaid: t.amount }).where(eq(invoices.id, t.invoiceId));
      await settleInvoiceStatus(ctx.tx, t.invoiceId);
    }
    const entry = postPayment({
      date: p.date,
      label: `Règlement ${client.name}${p.reference ? ` (${p.reference})` : ""}`,
      amount,
      allocations: toPost,
      vatOnDebits: seller?.vatOnDebits ?? false,
    });
    await writeJournalEntry(ctx.tx, entry, { paymentId: row.id });
    await appendAudit(ctx.tx, {
      actor: ctx.actor,
      channel: "import",
      action: "payment_imported",
      subjectType: "payment",
      subjectId: p.ref,
      payloadDigest: actionDigest("payment_imported", { ref: p.ref, clientId: client.id, date: p.date, amount: toAmountString(amount), allocations: p.allocations }),
      details: { paymentId: row.id, amount: toAmountString(amount) },
    });
    ctx.counts.payments.created += 1;
  }
}
