import { CENT_PLACES, Decimal, ROUNDING_MODE, ZERO, sum } from "./money.js";

/**
 * Splits `total` (already in cents) across `ratios` with the largest-remainder method, so the
 * parts add up exactly to `total`. Ties go to the earliest part. Ratios must be non-negative and
 * not all zero. Works for negative totals (the split is mirrored).
 *   allocate(10.03, [1, 1]) → [5.02, 5.01]
 */
export function allocate(total: Decimal, ratios: readonly Decimal[], places = CENT_PLACES): Decimal[] {
  if (ratios.length === 0) throw new RangeError("allocate: no ratios");
  if (ratios.some((r) => r.isNegative())) throw new RangeError("allocate: negative ratio");
  const ratioSum = sum(ratios);
  if (ratioSum.isZero()) throw new RangeError("allocate: ratios sum to zero");

  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(places));
  const negative = total.isNegative();
  const units = total.abs().dividedBy(unit).toDecimalPlaces(0, ROUNDING_MODE);

  const exact = ratios.map((r) => units.times(r).dividedBy(ratioSum));
  const floors = exact.map((e) => e.floor());
  let remaining = units.minus(sum(floors)).toNumber(); // a count of cents, always small (< ratios.length)
  const order = exact
    .map((e, i) => ({ i, rest: e.minus(floors[i] ?? ZERO) }))
    .sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  const parts = [...floors];
  for (const { i } of order) {
    if (remaining <= 0) break;
    parts[i] = (parts[i] ?? ZERO).plus(1);
    remaining -= 1;
  }
  return parts.map((p) => (negative ? p.negated() : p).times(unit));
}
