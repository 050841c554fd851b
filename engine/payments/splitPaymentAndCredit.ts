import { type Decimal, ZERO, sum, toDecimal } from "../money/money.js";
import type { PlannedAllocation } from "./allocatePayment.js";

/** A planned allocation with what the payment brings to it and what the client's credit brings. */
export interface FundedAllocation extends PlannedAllocation {
  readonly fromPayment: Decimal;
  readonly fromCredit: Decimal;
}

export interface PaymentAndCreditSplit {
  readonly allocations: readonly FundedAllocation[];
  /** What is left of the payment itself (kept as the client's credit). */
  readonly unallocated: Decimal;
  /** What the plan takes from the client's earlier credit. */
  readonly creditUsed: Decimal;
}

/**
 * Funds a plan made over the payment plus the client's usable credit (earlier overpayments): the
 * payment's own money goes first, in the plan's order, and the credit covers the rest.
 * Σ fromPayment + unallocated = payment, and fromPayment + fromCredit = amount on every line.
 */
export function splitPaymentAndCredit(payment: Decimal, plan: readonly PlannedAllocation[]): PaymentAndCreditSplit {
  let left = payment;
  const allocations = plan.map((a): FundedAllocation => {
    const fromPayment = a.amount.lessThan(left) ? a.amount : left;
    left = left.minus(fromPayment);
    return { ...a, fromPayment, fromCredit: a.amount.minus(fromPayment) };
  });
  return { allocations, unallocated: left, creditUsed: sum(allocations.map((a) => a.fromCredit)) };
}

/** One approved allocation (amounts as decimal strings) read back as its payment and credit shares. */
export function fundingOf(allocation: { readonly amount: string; readonly fromCredit?: string | undefined }): { fromPayment: Decimal; fromCredit: Decimal } {
  const fromCredit = allocation.fromCredit === undefined ? ZERO : toDecimal(allocation.fromCredit);
  return { fromPayment: toDecimal(allocation.amount).minus(fromCredit), fromCredit };
}
