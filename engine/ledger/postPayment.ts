import type { IsoDate } from "../dates/plainDate.js";
import { RuleError } from "../errors.js";
import { allocate } from "../money/allocate.js";
import { type Decimal, ZERO, sum } from "../money/money.js";
import { ACCOUNTS } from "./accounts.js";
import { type JournalEntry, type Movement, assertBalanced, linesFromMovements } from "./journalEntry.js";

export interface AllocationToPost {
  readonly invoiceId?: number | undefined;
  readonly number: string;
  readonly amount: Decimal;
  /** The invoice's totals and what was paid / VAT transferred before this payment. */
  readonly invoiceAmountDue: Decimal;
  readonly invoiceVatAmount: Decimal;
  readonly paidBefore: Decimal;
  readonly vatTransferredBefore: Decimal;
}

export interface PaymentToPost {
  readonly date: IsoDate;
  readonly label: string;
  readonly amount: Decimal;
  readonly allocations: readonly AllocationToPost[];
  readonly vatOnDebits: boolean;
  /**
   * `clientCredit`: the money is a client credit already on 411 (the unallocated part of an earlier
   * payment) imputed on invoices — D 411 (unallocated) instead of D 512, OD journal, nothing left
   * unallocated. Default `bank`.
   */
  readonly fundedBy?: "bank" | "clientCredit" | undefined;
}

/**
 * The share of an invoice's pending VAT that a payment makes due: the VAT not yet transferred,
 * split by `allocate` between this payment and what remains unpaid, so that the last payment
 * transfers exactly the rest and no cent is lost.
 */
export function vatShareOfPayment(allocation: AllocationToPost): Decimal {
  const remainingDue = allocation.invoiceAmountDue.minus(allocation.paidBefore);
  const remainingVat = allocation.invoiceVatAmount.minus(allocation.vatTransferredBefore);
  if (allocation.amount.greaterThan(remainingDue)) {
    throw new RuleError(`le règlement dépasse le reste dû de la facture ${allocation.number}`, { field: "allocations.amount", code: "over_allocation" });
  }
  if (remainingVat.isZero() || remainingDue.isZero()) return ZERO;
  const [share = ZERO] = allocate(remainingVat, [allocation.amount, remainingDue.minus(allocation.amount)]);
  return share;
}

/**
 * The bank-journal entry of a payment: D 512 / C 411 per allocation, C 411 for an unallocated
 * remainder (overpayment), and the transfer of the paid share of pending VAT 44574 → 44571.
 */
export function postPayment(payment: PaymentToPost): JournalEntry {
  const allocated = sum(payment.allocations.map((a) => a.amount));
  if (allocated.greaterThan(payment.amount)) {
    throw new RuleError("les montants affectés dépassent le montant du règlement", { field: "allocations", code: "over_allocation" });
  }
  const fromCredit = payment.fundedBy === "clientCredit";
  if (fromCredit && !allocated.equals(payment.amount)) {
    throw new RuleError("l'imputation d'un crédit client doit être entièrement affectée", { field: "allocations", code: "over_allocation" });
  }
  const movements: Movement[] = [{ account: fromCredit ? ACCOUNTS.clients : ACCOUNTS.bank, label: payment.label, amount: payment.amount }];
  for (const a of payment.allocations) {
    movements.push({ account: ACCOUNTS.clients, label: `${payment.label} — ${a.number}`, amount: a.amount.negated(), invoiceId: a.invoiceId });
  }
  const unallocated = payment.amount.minus(allocated);
  movements.push({ account: ACCOUNTS.clients, label: `${payment.label} — trop-perçu non affecté`, amount: unallocated.negated() });
  if (!payment.vatOnDebits) {
    for (const a of payment.allocations) {
      const share = vatShareOfPayment(a);
      movements.push({ account: ACCOUNTS.vatPending, label: `TVA exigible ${a.number}`, amount: share, invoiceId: a.invoiceId });
      movements.push({ account: ACCOUNTS.vatCollected, label: `TVA exigible ${a.number}`, amount: share.negated(), invoiceId: a.invoiceId });
    }
  }
  return assertBalanced({
    journal: fromCredit ? "OD" : "BQ",
    kind: fromCredit ? "credit_application" : "payment",
    date: payment.date,
    label: payment.label,
    lines: linesFromMovements(movements),
  });
}
