import { Decimal as DecimalJs } from "decimal.js";

/**
 * Money is a decimal.js value. One rounding rule for the whole product, declared here:
 * to the cent, half away from zero (ROUND_HALF_UP in decimal.js means "away from zero" on ties).
 * The exponent limits make `toString()` never use scientific notation.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ROUNDING_MODE = DecimalJs.ROUND_HALF_UP;
export const CENT_PLACES = 2;
export const ZERO: Decimal = new Decimal(0);
export const HUNDRED: Decimal = new Decimal(100);

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** True when `s` is a plain decimal string such as "1234.5" or "-3" (no exponent, no spaces). */
export function isDecimalString(s: string): boolean {
  return DECIMAL_PATTERN.test(s);
}

/** Parses a plain decimal string; throws on anything else (callers validate first with zod). */
export function toDecimal(value: string | Decimal): Decimal {
  if (typeof value !== "string") return new Decimal(value);
  if (!isDecimalString(value)) throw new TypeError(`not a decimal string: ${value}`);
  return new Decimal(value);
}

/** Rounds to the cent, half away from zero. */
export function roundCents(value: Decimal): Decimal {
  return value.toDecimalPlaces(CENT_PLACES, ROUNDING_MODE);
}

/** Fixed-point string with exactly `places` decimals, e.g. "375.00", "-6000.00". Rounds first. */
export function toFixedString(value: Decimal, places = CENT_PLACES): string {
  const rounded = value.toDecimalPlaces(places, ROUNDING_MODE);
  const negative = rounded.isNegative() && !rounded.isZero();
  const [intPart, fracPart = ""] = rounded.abs().toString().split(".");
  const frac = places > 0 ? "." + fracPart.padEnd(places, "0") : "";
  return `${negative ? "-" : ""}${intPart}${frac}`;
}

/** The wire form of an amount: a decimal string with two decimals. */
export function toAmountString(value: Decimal): string {
  return toFixedString(value, CENT_PLACES);
}

/** A quantity or rate on the wire: the shortest exact decimal string ("2", "3.5", "5.5"). */
export function toPlainString(value: Decimal): string {
  const s = value.toString();
  return s === "-0" ? "0" : s;
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(v), ZERO);
}
