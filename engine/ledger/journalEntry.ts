import type { IsoDate } from "../dates/plainDate.js";
import { SystemError } from "../errors.js";
import { type Decimal, ZERO, sum, toAmountString } from "../money/money.js";
import type { AccountCode } from "./accounts.js";

export interface PostingLine {
  readonly account: AccountCode;
  readonly label: string;
  /** Exactly one of debit / credit is positive; the other is zero. */
  readonly debit: Decimal;
  readonly credit: Decimal;
  /** The invoice the line concerns (client and VAT lines), as the caller identifies it. */
  readonly invoiceId?: number | undefined;
}

export interface JournalEntry {
  readonly journal: "VE" | "BQ" | "OD";
  readonly kind: "invoice" | "deposit" | "credit_note" | "payment" | "credit_application";
  readonly date: IsoDate;
  readonly label: string;
  readonly lines: readonly PostingLine[];
}

/** A signed movement: positive is a debit, negative a credit; zero produces no line. */
export interface Movement {
  readonly account: AccountCode;
  readonly label: string;
  readonly amount: Decimal;
  readonly invoiceId?: number | undefined;
}

export function linesFromMovements(movements: readonly Movement[]): PostingLine[] {
  return movements
    .filter((m) => !m.amount.isZero())
    .map((m) => ({
      account: m.account,
      label: m.label,
      debit: m.amount.isPositive() ? m.amount : ZERO,
      credit: m.amount.isNegative() ? m.amount.negated() : ZERO,
      invoiceId: m.invoiceId,
    }));
}

export function entryTotals(entry: Pick<JournalEntry, "lines">): { debit: Decimal; credit: Decimal } {
  return { debit: sum(entry.lines.map((l) => l.debit)), credit: sum(entry.lines.map((l) => l.credit)) };
}

/** Throws a SystemError (unbalanced_entry) unless Σdebit = Σcredit and there are at least two lines. */
export function assertBalanced(entry: JournalEntry): JournalEntry {
  const { debit, credit } = entryTotals(entry);
  if (entry.lines.length < 2 || !debit.equals(credit)) {
    throw new SystemError(
      `écriture « ${entry.label} » déséquilibrée : débit ${toAmountString(debit)} ≠ crédit ${toAmountString(credit)}`,
      { code: "unbalanced_entry" },
    );
  }
  return entry;
}
