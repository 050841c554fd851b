import type { IsoDate } from "../dates/plainDate.js";
import { type Decimal, sum } from "../money/money.js";
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
      { account: vatAccount, label: `${label} — TVA`, amount: invoice.vatAmount.negated(), invoiceId: id },
    ]),
  });
}
