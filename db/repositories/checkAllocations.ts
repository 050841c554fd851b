import { InputError } from "../../engine/errors.js";
import { type Decimal, ZERO, roundCents } from "../../engine/money/money.js";

/**
 * Refuses, before any database work, allocations that name an invoice twice or carry an amount that
 * is not strictly positive to the cent (InputError naming `allocations[i].…`). Shared by payments and
 * client-credit imputations.
 */
export function checkAllocations(allocations: readonly { readonly invoiceId: number; readonly amount: Decimal }[]): void {
  const seen = new Set<number>();
  allocations.forEach((a, i) => {
    if (seen.has(a.invoiceId)) throw new InputError("facture indiquée deux fois", { field: `allocations[${i}].invoiceId` });
    seen.add(a.invoiceId);
    if (!a.amount.greaterThan(ZERO) || !roundCents(a.amount).equals(a.amount)) {
      throw new InputError("doit être un montant strictement positif, au centime", { field: `allocations[${i}].amount` });
    }
  });
}
