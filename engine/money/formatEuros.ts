import { type Decimal, toFixedString } from "./money.js";

/** French display of an amount: "16 200,00 €", "-6 000,00 €" (narrow no-break spaces as thousands separator). */
export function formatEuros(value: Decimal, withSymbol = true): string {
  const fixed = toFixedString(value, 2);
  const negative = fixed.startsWith("-");
  const [intPart = "0", frac = "00"] = (negative ? fixed.slice(1) : fixed).split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${negative ? "-" : ""}${grouped},${frac}${withSymbol ? "\u00a0€" : ""}`;
}

/** French display of a percentage: "5,5 %", "20 %". */
export function formatPercent(value: Decimal): string {
  return `${value.toDecimalPlaces(2).toString().replace(".", ",")}\u00a0%`;
}
