import { Decimal, HUNDRED, ZERO, roundCents, sum } from "../money/money.js";
import type { VatExemption, VatRate } from "./vatRate.js";

export interface TaxableLine {
  readonly net: Decimal;
  readonly vatRate: VatRate;
  readonly vatExemption?: VatExemption | undefined;
}

export interface VatBreakdownRow {
  readonly vatRate: VatRate;
  readonly vatExemption?: VatExemption | undefined;
  /** Sum of the line nets at this rate (BT-116). */
  readonly base: Decimal;
  /** round(base × rate / 100), half away from zero (BT-117). */
  readonly vatAmount: Decimal;
}

export interface InvoiceTotals {
  readonly netAmount: Decimal;
  readonly vatAmount: Decimal;
  readonly amountDue: Decimal;
  readonly breakdown: readonly VatBreakdownRow[];
}

/** VAT of a base at a rate, rounded once to the cent. */
export function vatOf(base: Decimal, rate: VatRate | Decimal): Decimal {
  return roundCents(base.times(new Decimal(rate)).dividedBy(HUNDRED));
}

/**
 * Totals of an invoice: VAT is computed once per rate on the sum of the nets at that rate
 * (never per line), rows in the order rates first appear. Lines nets must already be rounded.
 */
export function computeTotals(lines: readonly TaxableLine[]): InvoiceTotals {
  const rows = new Map<string, { vatRate: VatRate; vatExemption?: VatExemption | undefined; base: Decimal }>();
  for (const line of lines) {
    const key = `${line.vatRate}|${line.vatExemption ?? ""}`;
    const row = rows.get(key);
    if (row) row.base = row.base.plus(line.net);
    else rows.set(key, { vatRate: line.vatRate, vatExemption: line.vatExemption, base: line.net });
  }
  const breakdown = [...rows.values()].map((r) => ({ ...r, vatAmount: vatOf(r.base, r.vatRate) }));
  const netAmount = sum(lines.map((l) => l.net));
  const vatAmount = breakdown.reduce<Decimal>((acc, r) => acc.plus(r.vatAmount), ZERO);
  return { netAmount, vatAmount, amountDue: netAmount.plus(vatAmount), breakdown };
}
