import { allocate } from "../../money/allocate.js";
import { type Decimal, ZERO, sum } from "../../money/money.js";

/** An invoice's (or a credit note's) amounts at one VAT rate: TTC and its VAT, to the cent (negative for a credit note). */
export interface RateAmounts {
  /** The VAT rate in percent, as the invoice lines carry it ("20", "5.5", "0"). */
  readonly rate: string;
  readonly gross: Decimal;
  readonly vat: Decimal;
}

/**
 * What happened to an invoice after it was issued, in the ledger's order:
 * - a credit note correcting it (its amounts per rate, negative): what is left to collect shrinks;
 * - a collection (a payment or an imputed client credit allocated to it): `amount` TTC, of which
 *   `vat` is the VAT the ledger made due (44574 → 44571).
 */
export type CollectionEvent =
  | { readonly kind: "credit_note"; readonly rates: readonly RateAmounts[] }
  | { readonly kind: "collection"; readonly key: string; readonly amount: Decimal; readonly vat: Decimal };

export interface CollectedAtRate {
  readonly rate: string;
  /** TTC collected at this rate (the 212's MEN amount). */
  readonly amount: Decimal;
  /** Of which VAT. */
  readonly vat: Decimal;
}

const positive = (d: Decimal): Decimal => (d.isPositive() && !d.isZero() ? d : ZERO);

/** `total` split across weights, largest remainder, falling back to `fallback` when all are zero. */
function split(total: Decimal, weights: readonly Decimal[], fallback: readonly Decimal[]): Decimal[] {
  if (total.isZero()) return weights.map(() => ZERO);
  const usable = sum(weights).isZero() ? fallback : weights;
  if (sum(usable).isZero()) return usable.map((_, i) => (i === 0 ? total : ZERO));
  return allocate(total, usable);
}

/**
 * The amount collected per VAT rate for each collection on an invoice (the 212 « Encaissée » amounts).
 * Each collection is spread over the rates in proportion to what is still to be collected at each rate
 * (the invoice's amounts, less its credit notes so far, less what earlier collections took), with the
 * largest-remainder method: the parts add up exactly to the amount collected, their VAT to the VAT the
 * ledger made due, and once the invoice is settled every rate has received exactly its net TTC.
 */
export function collectionsByRate(invoice: readonly RateAmounts[], events: readonly CollectionEvent[]): Map<string, CollectedAtRate[]> {
  const rates = [...new Set(invoice.map((r) => r.rate))];
  const remainingGross = new Map(rates.map((rate) => [rate, sum(invoice.filter((r) => r.rate === rate).map((r) => r.gross))]));
  const remainingVat = new Map(rates.map((rate) => [rate, sum(invoice.filter((r) => r.rate === rate).map((r) => r.vat))]));
  const initialGross = rates.map((rate) => positive(remainingGross.get(rate) ?? ZERO));
  const initialVat = rates.map((rate) => positive(remainingVat.get(rate) ?? ZERO));
  const result = new Map<string, CollectedAtRate[]>();
  for (const event of events) {
    if (event.kind === "credit_note") {
      for (const r of event.rates) {
        if (!remainingGross.has(r.rate)) continue; // a rate the invoice does not have: nothing left to collect there
        remainingGross.set(r.rate, (remainingGross.get(r.rate) ?? ZERO).plus(r.gross));
        remainingVat.set(r.rate, (remainingVat.get(r.rate) ?? ZERO).plus(r.vat));
      }
      continue;
    }
    const grossParts = split(event.amount, rates.map((rate) => positive(remainingGross.get(rate) ?? ZERO)), initialGross);
    const vatParts = split(event.vat, rates.map((rate) => positive(remainingVat.get(rate) ?? ZERO)), initialVat);
    const parts = rates.map((rate, i) => ({ rate, amount: grossParts[i] ?? ZERO, vat: vatParts[i] ?? ZERO }));
    for (const p of parts) {
      remainingGross.set(p.rate, (remainingGross.get(p.rate) ?? ZERO).minus(p.amount));
      remainingVat.set(p.rate, (remainingVat.get(p.rate) ?? ZERO).minus(p.vat));
    }
    result.set(event.key, parts.filter((p) => !p.amount.isZero() || !p.vat.isZero()));
  }
  return result;
}
