import type { IsoDate } from "../dates/plainDate.js";
import { InputError } from "../errors.js";
import { type InvoiceReceivable, invoiceReceivable } from "./invoiceReceivable.js";
import type { PaymentAllocation, ReceivableDocument } from "./receivableDocument.js";

/**
 * Checks that the documents and allocations hang together: unique ids, credit notes linked to an
 * invoice of the same client, allocations pointing at an invoice. Throws an `InputError` naming the
 * field (`allocations[2].invoiceId : …`).
 */
export function checkReceivablesInput(documents: readonly ReceivableDocument[], allocations: readonly PaymentAllocation[]): void {
  const byId = new Map<string, ReceivableDocument>();
  documents.forEach((doc, i) => {
    if (byId.has(doc.id)) throw new InputError(`identifiant en double (${doc.id})`, { field: `documents[${i}].id` });
    byId.set(doc.id, doc);
  });
  documents.forEach((doc, i) => {
    if (doc.kind !== "credit_note") {
      if (doc.amountDue.isNegative()) throw new InputError("ne peut pas être négatif pour une facture", { field: `documents[${i}].amountDue` });
      return;
    }
    if (!doc.amountDue.isNegative() || doc.amountDue.isZero()) {
      throw new InputError("doit être négatif pour un avoir", { field: `documents[${i}].amountDue` });
    }
    const target = doc.correctsInvoiceId === undefined ? undefined : byId.get(doc.correctsInvoiceId);
    if (target === undefined || target.kind === "credit_note") {
      throw new InputError(`facture corrigée introuvable (${doc.correctsInvoiceId ?? "absente"})`, { field: `documents[${i}].correctsInvoiceId` });
    }
    if (target.clientId !== doc.clientId) {
      throw new InputError(`l'avoir ${doc.number} et la facture ${target.number} n'ont pas le même client`, { field: `documents[${i}].clientId` });
    }
  });
  allocations.forEach((a, i) => {
    const target = byId.get(a.invoiceId);
    if (target === undefined || target.kind === "credit_note") {
      throw new InputError(`facture introuvable (${a.invoiceId})`, { field: `allocations[${i}].invoiceId` });
    }
    if (!a.amount.isPositive() || a.amount.isZero()) {
      throw new InputError("doit être strictement positif", { field: `allocations[${i}].amount` });
    }
  });
}

/**
 * The receivable state of every invoice and deposit invoice issued on or before `asOf`, in issue-date
 * then number order. Credit notes are folded into the invoice they correct; they never appear alone.
 * Linear in the number of documents and allocations (grouped by invoice once).
 */
export function receivablesAsOf(
  documents: readonly ReceivableDocument[],
  allocations: readonly PaymentAllocation[],
  asOf: IsoDate,
): InvoiceReceivable[] {
  checkReceivablesInput(documents, allocations);
  const allocationsOf = groupBy(allocations, (a) => a.invoiceId);
  const creditNotesOf = groupBy(
    documents.filter((d) => d.kind === "credit_note"),
    (c) => c.correctsInvoiceId ?? "",
  );
  return documents
    .filter((d) => d.kind !== "credit_note" && d.issueDate <= asOf)
    .sort(byIssueDateThenNumber)
    .map((invoice) => invoiceReceivable(invoice, allocationsOf.get(invoice.id) ?? [], creditNotesOf.get(invoice.id) ?? [], asOf));
}

/** `String.prototype.localeCompare` (default locale), built once: the same order, without a collator per call. */
const NUMBER_ORDER = new Intl.Collator();

/** Issue date, then number: the order of every receivables listing. */
export function byIssueDateThenNumber(a: ReceivableDocument, b: ReceivableDocument): number {
  return a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : NUMBER_ORDER.compare(a.number, b.number);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}
