import { z } from "zod";
import type { IsoDate } from "../dates/plainDate.js";
import { InputError, RuleError } from "../errors.js";
import { formatEuros } from "../money/formatEuros.js";
import { type Decimal, ZERO, isDecimalString, sum, toAmountString, toDecimal } from "../money/money.js";
import { fail, ok, type Result } from "../result.js";
import { AmountStringSchema } from "../wire/decimalString.js";
import { IsoDateSchema } from "../wire/isoDate.js";
import { inputErrorFromZod } from "../scenario/inputErrorFromZod.js";
import { compareOldestDueFirst, type OpenInvoice, OpenInvoiceWireSchema, openInvoiceFromWire } from "./openInvoice.js";

/** A payment received from a client. */
export interface ReceivedPayment {
  readonly clientId: string;
  /** Positive, in euros, at most two decimals. */
  readonly amount: Decimal;
  readonly date: IsoDate;
}

/** The user's own split of a payment: this much on that invoice. */
export interface ExplicitAllocation {
  readonly invoiceId: string;
  readonly amount: Decimal;
}

export interface PlannedAllocation {
  readonly invoiceId: string;
  readonly number: string;
  readonly amount: Decimal;
  /** What is left to pay on the invoice once this allocation is recorded. */
  readonly outstandingAfter: Decimal;
}

export interface PaymentAllocationPlan {
  readonly allocations: readonly PlannedAllocation[];
  /** What the payment leaves unallocated: a credit in the client's favour (trop-perçu). */
  readonly unallocated: Decimal;
}

const positiveCents = (d: Decimal) => d.greaterThan(ZERO) && d.decimalPlaces() <= 2;

/**
 * Splits a payment over a client's open invoices. Never allocates more than an invoice's outstanding
 * amount and never loses a cent: Σ allocations + unallocated = payment.
 * - Automatic (no `explicit`): oldest due first (then oldest issued, then number) over the client's
 *   open, undisputed invoices; each gets min(remaining, outstanding).
 * - Explicit: exactly the given split, checked (known open invoice of this client, amount > 0 and ≤
 *   outstanding, each invoice once, total ≤ payment); a disputed invoice may be paid explicitly.
 * In both modes the rest of the payment is kept unallocated (trop-perçu, a credit for the client).
 * Refusals name the field: `explicit[1].amount : dépasse le reste dû de la facture F-12 (300,00 €)`.
 */
export function allocatePayment(
  payment: ReceivedPayment,
  openInvoices: readonly OpenInvoice[],
  explicit?: readonly ExplicitAllocation[],
): Result<PaymentAllocationPlan, InputError | RuleError> {
  if (!positiveCents(payment.amount)) {
    return fail(new InputError("doit être un montant strictement positif, au centime", { field: "payment.amount" }));
  }
  const clientInvoices = openInvoices.filter((i) => i.clientId === payment.clientId && i.outstanding.greaterThan(ZERO));

  if (explicit === undefined) {
    let remaining = payment.amount;
    const allocations: PlannedAllocation[] = [];
    for (const invoice of [...clientInvoices].filter((i) => !i.disputed).sort(compareOldestDueFirst)) {
      if (remaining.isZero()) break;
      const amount = remaining.lessThan(invoice.outstanding) ? remaining : invoice.outstanding;
      allocations.push({ invoiceId: invoice.invoiceId, number: invoice.number, amount, outstandingAfter: invoice.outstanding.minus(amount) });
      remaining = remaining.minus(amount);
    }
    return ok({ allocations, unallocated: remaining });
  }

  const seen = new Set<string>();
  const allocations: PlannedAllocation[] = [];
  for (const [i, e] of explicit.entries()) {
    const field = `explicit[${i}]`;
    const invoice = openInvoices.find((o) => o.invoiceId === e.invoiceId);
    if (invoice === undefined || !invoice.outstanding.greaterThan(ZERO)) {
      return fail(new InputError(`facture introuvable ou déjà soldée (${e.invoiceId})`, { field: `${field}.invoiceId` }));
    }
    if (invoice.clientId !== payment.clientId) {
      return fail(new RuleError(`la facture ${invoice.number} n'est pas celle du client qui paie`, { field: `${field}.invoiceId`, code: "other_client" }));
    }
    if (seen.has(e.invoiceId)) return fail(new InputError(`facture ${invoice.number} indiquée deux fois`, { field: `${field}.invoiceId` }));
    seen.add(e.invoiceId);
    if (!positiveCents(e.amount)) return fail(new InputError("doit être un montant strictement positif, au centime", { field: `${field}.amount` }));
    if (e.amount.greaterThan(invoice.outstanding)) {
      return fail(
        new RuleError(`dépasse le reste dû de la facture ${invoice.number} (${formatEuros(invoice.outstanding)})`, { field: `${field}.amount`, code: "over_allocation" }),
      );
    }
    allocations.push({ invoiceId: invoice.invoiceId, number: invoice.number, amount: e.amount, outstandingAfter: invoice.outstanding.minus(e.amount) });
  }
  const total = sum(allocations.map((a) => a.amount));
  if (total.greaterThan(payment.amount)) {
    return fail(
      new RuleError(`le total réparti (${formatEuros(total)}) dépasse le paiement (${formatEuros(payment.amount)})`, { field: "explicit", code: "over_allocation" }),
    );
  }
  return ok({ allocations, unallocated: payment.amount.minus(total) });
}

/* ---- wire (tools call these at their edge) ---- */

const PositiveAmountSchema = AmountStringSchema.refine((s) => !isDecimalString(s) || toDecimal(s).greaterThan(ZERO), { message: "doit être strictement positif" });

export const ReceivedPaymentWireSchema = z.object({
  clientId: z.string().min(1, "ne peut pas être vide"),
  amount: PositiveAmountSchema,
  date: IsoDateSchema,
});
export const ExplicitAllocationWireSchema = z.object({ invoiceId: z.string().min(1, "ne peut pas être vide"), amount: PositiveAmountSchema });
export const PaymentAllocationPlanWireSchema = z.object({
  allocations: z.array(z.object({ invoiceId: z.string(), number: z.string(), amount: AmountStringSchema, outstandingAfter: AmountStringSchema })),
  unallocated: AmountStringSchema,
});
export type ReceivedPaymentWire = z.infer<typeof ReceivedPaymentWireSchema>;
export type ExplicitAllocationWire = z.infer<typeof ExplicitAllocationWireSchema>;
export type PaymentAllocationPlanWire = z.infer<typeof PaymentAllocationPlanWireSchema>;

export function receivedPaymentFromWire(wire: ReceivedPaymentWire): ReceivedPayment {
  return { ...wire, amount: toDecimal(wire.amount) };
}

export function explicitAllocationFromWire(wire: ExplicitAllocationWire): ExplicitAllocation {
  return { ...wire, amount: toDecimal(wire.amount) };
}

export function paymentAllocationPlanToWire(plan: PaymentAllocationPlan): PaymentAllocationPlanWire {
  return {
    allocations: plan.allocations.map((a) => ({ ...a, amount: toAmountString(a.amount), outstandingAfter: toAmountString(a.outstandingAfter) })),
    unallocated: toAmountString(plan.unallocated),
  };
}

export const AllocatePaymentInputSchema = z.object({
  payment: ReceivedPaymentWireSchema,
  openInvoices: z.array(OpenInvoiceWireSchema),
  /** Omitted: automatic, oldest due first. */
  explicit: z.array(ExplicitAllocationWireSchema).optional(),
});
export type AllocatePaymentInput = z.input<typeof AllocatePaymentInputSchema>;

/**
 * Tool-facing entry: parses the wire input (a bad one throws `InputError` naming the field), then
 * returns the plan as decimal strings, or the typed refusal (`RuleError` / `InputError`).
 */
export function allocatePaymentWire(input: unknown): Result<PaymentAllocationPlanWire, InputError | RuleError> {
  const parsed = AllocatePaymentInputSchema.safeParse(input);
  if (!parsed.success) return fail(inputErrorFromZod(parsed.error));
  const v = parsed.data;
  const result = allocatePayment(receivedPaymentFromWire(v.payment), v.openInvoices.map(openInvoiceFromWire), v.explicit?.map(explicitAllocationFromWire));
  return result.ok ? ok(paymentAllocationPlanToWire(result.value)) : result;
}
