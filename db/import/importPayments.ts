import { eq } from "drizzle-orm";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { type Decimal, sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { findClientByRef } from "../repositories/clients.js";
import { creditedOn } from "../repositories/creditNotes.js";
import { findInvoice } from "../repositories/invoiceQueries.js";
import { recordPayment } from "../repositories/recordPayment.js";
import { invoices } from "../schema/invoices.js";
import { paymentAllocations, payments } from "../schema/payments.js";
import { underField } from "./fieldPath.js";
import type { ImportContext } from "./importContext.js";
import type { HistoryPayment } from "./importFormat.js";
import { importedAt } from "./importHistoryInvoices.js";
import { assertSameRecord } from "./recordConflict.js";

/**
 * Imports payments received (by `ref`) with their allocations: each allocation must fit what is left
 * on the invoice (after earlier payments and credit notes); the rest of the payment stays unallocated
 * (trop-perçu). Each is recorded by the payments repository (`recordPayment`: allocations, amounts
 * paid and statuses, bank-journal entry with the paid share of pending VAT, audit row), with the
 * payment's ref as its idempotency key.
 */
export async function importPayments(ctx: ImportContext, list: readonly HistoryPayment[]): Promise<void> {
  if (list.length === 0) return;
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

    const toPost: { invoiceId: number; amount: Decimal }[] = [];
    for (const [j, a] of p.allocations.entries()) {
      const af = `${field}.allocations[${j}]`;
      const invoice = await findInvoice(ctx.tx, a.invoice);
      if (!invoice || invoice.status === "draft") throw new NotFoundError(`facture « ${a.invoice} » introuvable (ni dans le fichier ni en base)`, { field: `${af}.invoice` });
      if (invoice.kind === "credit_note") throw new RuleError(`« ${a.invoice} » est un avoir : un règlement s'affecte à une facture`, { field: `${af}.invoice` });
      if (invoice.clientId !== client.id) throw new RuleError(`la facture « ${a.invoice} » est celle d'un autre client`, { field: `${af}.invoice` });
      const share = toDecimal(a.amount);
      const left = invoice.amountDue.minus(invoice.amountPaid).minus((await creditedOn(ctx.tx, invoice.id)).gross);
      if (share.greaterThan(left)) throw new RuleError(`dépasse le reste dû de la facture ${a.invoice} (${formatEuros(left)})`, { field: `${af}.amount`, code: "over_allocation" });
      toPost.push({ invoiceId: invoice.id, amount: share });
    }

    await underField(field, () =>
      recordPayment(ctx.tx, {
        clientId: client.id,
        amount,
        receivedOn: p.date,
        method: p.method,
        reference: p.reference,
        payerName: p.payer ?? client.name,
        allocations: toPost.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })),
        actor: ctx.actor,
        channel: "import",
        idempotencyKey: p.ref,
        now: importedAt(p.date),
      }),
    );
    ctx.counts.payments.created += 1;
  }
}
