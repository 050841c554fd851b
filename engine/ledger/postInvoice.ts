import type { IsoDate } from "../dates/plainDate.js";
import { Decimal, ZERO, sum } from "../money/money.js";
import { RuleError } from "../errors.js";
import { ACCOUNTS } from "./accounts.js";
import { type JournalEntry, assertBalanced, linesFromMovements } from "./journalEntry.js";

export interface InvoiceToPost {
  readonly invoiceId?: number | undefined;
  readonly kind: "invoice" | "deposit" | "credit_note";
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly clientName: string;
  readonly netAmount: Decimal;
  readonly vatAmount: Decimal;
  readonly amountDue: Decimal;
  /** Line nets; `deductsDeposit` marks a deduction line (negative net) of an earlier deposit. */
  readonly lines: readonly { readonly net: Decimal; readonly deductsDeposit: boolean }[];
  /** A credit note correcting a deposit reverses 4191 instead of 706. */
  readonly correctsDeposit?: boolean | undefined;
  /** The seller opted for VAT on debits: VAT is due at invoicing (44571), not at payment (44574). */
  readonly vatOnDebits: boolean;
  /**
   * Credit notes under VAT on receipts: the part of the reversed VAT (a positive amount, at most
   * the credit note's VAT) taken from 44571 because payments on the corrected invoice had already
   * made it due; the rest comes off 44574. Computed by `creditNoteVatSplit`. Default zero.
   */
  readonly vatReversedFromCollected?: Decimal | undefined;
}

/**
 * How a credit note's VAT (positive `creditVat`) is reversed under VAT on receipts: first from the
 * corrected invoice's VAT still pending in 44574 (`pendingVat`, what its payments have not made
 * due yet), then from 44571 for the rest — so that, once the invoice is settled, 44571 holds exactly
 * the VAT of what was really cashed and 44574 nothing.
 */
export function creditNoteVatSplit(creditVat: Decimal, pendingVat: Decimal): { readonly fromPending: Decimal; readonly fromCollected: Decimal } {
  const available = pendingVat.isNegative() ? ZERO : pendingVat;
  const fromPending = Decimal.min(creditVat, available);
  return { fromPending, fromCollected: creditVat.minus(fromPending) };
}

const KIND_LABEL = { invoice: "Facture", deposit: "Facture d'acompte", credit_note: "Avoir" } as const;

/**
 * The sales-journal entry of an issued invoice, deposit or credit note (see accounts.ts).
 * Signed amounts make credit notes the exact reverse. Always balanced (asserted).
 */
export function postInvoice(invoice: InvoiceToPost): JournalEntry {
  const label = `${KIND_LABEL[invoice.kind]} ${invoice.number} — ${invoice.clientName}`;
  const revenueAccount =
    invoice.kind === "deposit" || invoice.correctsDeposit === true ? ACCOUNTS.depositsReceived : ACCOUNTS.services;
  const revenue = sum(invoice.lines.filter((l) => !l.deductsDeposit).map((l) => l.net));
  const deducted = sum(invoice.lines.filter((l) => l.deductsDeposit).map((l) => l.net));
  const vatAccount = invoice.vatOnDebits ? ACCOUNTS.vatCollected : ACCOUNTS.vatPending;
  const fromCollected = invoice.vatOnDebits || invoice.kind !== "credit_note" ? ZERO : (invoice.vatReversedFromCollected ?? ZERO);
  if (invoice.kind === "credit_note" && (fromCollected.isNegative() || fromCollected.greaterThan(invoice.vatAmount.negated().abs()))) {
    throw new RuleError(`avoir ${invoice.number} : la TVA reprise sur 44571 doit être comprise entre 0 et la TVA de l'avoir`, { field: "vatReversedFromCollected", code: "vat_split" });
  }
  const id = invoice.invoiceId;
  return assertBalanced({
    journal: "VE",
    kind: invoice.kind,
    date: invoice.issueDate,
    label,
    lines: linesFromMovements([
      { account: ACCOUNTS.clients, label, amount: invoice.amountDue, invoiceId: id },
      { account: revenueAccount, label, amount: revenue.negated(), invoiceId: id },
      { account: ACCOUNTS.depositsReceived, label: `${label} — acomptes déduits`, amount: deducted.negated(), invoiceId: id },
      { account: vatAccount, label: `${label} — TVA`, amount: invoice.vatAmount.negated().minus(fromCollected), invoiceId: id },
      { account: ACCOUNTS.vatCollected, label: `${label} — TVA déjà exigible reprise`, amount: fromCollected, invoiceId: id },
    ]),
  });
}
