import { z } from "zod";
import { daysBetween, type IsoDate } from "../dates/plainDate.js";
import type { InvoiceKind } from "../invoice/invoiceDocument.js";
import { type Decimal, ZERO, sum } from "../money/money.js";
import type { PaymentAllocation, ReceivableDocument } from "./receivableDocument.js";

export const ReceivableStatusSchema = z.enum(["unpaid", "partially_paid", "paid", "overdue"]);
/**
 * - `paid`: nothing left to pay (payments and credit notes cover the invoice);
 * - `overdue`: something left to pay and the as-of date is after the due date;
 * - `partially_paid`: something paid, something left, not late yet;
 * - `unpaid`: nothing paid, not late yet (a credit note alone does not make an invoice partially paid).
 */
export type ReceivableStatus = z.infer<typeof ReceivableStatusSchema>;

export const RECEIVABLE_STATUS_LABELS: Readonly<Record<ReceivableStatus, string>> = {
  unpaid: "non payée",
  partially_paid: "partiellement payée",
  paid: "payée",
  overdue: "en retard",
};

/** What is owed on one invoice (or deposit invoice) as of a date. */
export interface InvoiceReceivable {
  readonly invoiceId: string;
  readonly number: string;
  readonly kind: Exclude<InvoiceKind, "credit_note">;
  readonly clientId: string;
  readonly clientName: string | undefined;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  /** TTC as invoiced. */
  readonly amountDue: Decimal;
  /** Sum of the credit notes on this invoice, as a positive amount. */
  readonly credited: Decimal;
  /** Sum of the payments allocated to this invoice up to the as-of date. */
  readonly paid: Decimal;
  /** amountDue − credited − paid, never below zero. */
  readonly outstanding: Decimal;
  /** What was received beyond the amount owed (0 in the normal case). */
  readonly overpaid: Decimal;
  readonly status: ReceivableStatus;
  /** asOf − dueDate in days when something is left to pay and the invoice is late; 0 otherwise. */
  readonly daysOverdue: number;
  readonly disputed: boolean;
}

/**
 * One invoice with its payments and credit notes already summed as of a date — what a database can
 * pre-aggregate (`sum` per invoice) so that only these totals, not every allocation, reach the engine.
 */
export interface ReceivablePosition {
  /** An invoice or a deposit invoice (never a credit note). */
  readonly invoice: ReceivableDocument;
  /** Sum of the payments allocated to it and dated on or before the as-of date. */
  readonly paid: Decimal;
  /** Sum of its credit notes issued on or before the as-of date, as a positive amount. */
  readonly credited: Decimal;
}

/**
 * The receivable state of one invoice as of `asOf`. Only the allocations dated on or before `asOf` and
 * the credit notes issued on or before `asOf` count; the caller passes those of this invoice (others
 * are ignored). Credit notes carry negative amounts.
 */
export function invoiceReceivable(
  invoice: ReceivableDocument,
  allocations: readonly PaymentAllocation[],
  creditNotes: readonly ReceivableDocument[],
  asOf: IsoDate,
): InvoiceReceivable {
  const credited = sum(
    creditNotes
      .filter((c) => c.kind === "credit_note" && c.correctsInvoiceId === invoice.id && c.issueDate <= asOf)
      .map((c) => c.amountDue.negated()),
  );
  const paid = sum(allocations.filter((a) => a.invoiceId === invoice.id && a.date <= asOf).map((a) => a.amount));
  return receivableOfPosition({ invoice, paid, credited }, asOf);
}

/**
 * What is left to pay on an invoice of `amountDue` TTC after `paid` and `credited` (both positive):
 * `outstanding` never below zero, what was received beyond it is `overpaid`. The one rule every
 * receivable figure (statuses, aging, DSO, trends, forecasts) is built on.
 */
export function balanceOf(amountDue: Decimal, paid: Decimal, credited: Decimal): { readonly outstanding: Decimal; readonly overpaid: Decimal } {
  const balance = amountDue.minus(credited).minus(paid);
  return {
    outstanding: balance.isPositive() && !balance.isZero() ? balance : ZERO,
    overpaid: balance.isNegative() && !balance.isZero() ? balance.negated() : ZERO,
  };
}

/**
 * The receivable state of an invoice whose payments and credit notes as of `asOf` are already summed:
 * the status, outstanding and overpaid rules, shared by `invoiceReceivable`.
 */
export function receivableOfPosition(position: ReceivablePosition, asOf: IsoDate): InvoiceReceivable {
  const { invoice, paid, credited } = position;
  if (invoice.kind === "credit_note") throw new RangeError("invoiceReceivable: a credit note is not a receivable");
  const { outstanding, overpaid } = balanceOf(invoice.amountDue, paid, credited);
  const late = daysBetween(invoice.dueDate, asOf);
  const open = !outstanding.isZero();
  const status: ReceivableStatus = !open ? "paid" : late > 0 ? "overdue" : paid.isZero() ? "unpaid" : "partially_paid";
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    kind: invoice.kind,
    clientId: invoice.clientId,
    clientName: invoice.clientName,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    amountDue: invoice.amountDue,
    credited,
    paid,
    outstanding,
    overpaid,
    status,
    daysOverdue: open && late > 0 ? late : 0,
    disputed: invoice.disputed ?? false,
  };
}
