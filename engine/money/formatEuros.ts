import { type Decimal, toFixedString } from "./money.js";

/** French display of an amount: "16 200,00 €", "-6 000,00 €" (narrow no-break spaces as thousands separator). */
export function formatEuros(value: Decimal, withSymbol = true): string {
  const fixed = toFixedString(value, 2);
  const negative = fixed.startsWith("-");
  const [intPart = "0", frac = "00"] = (negative ? fixed.slice(1) : fixed).split(".");
  let grouped = intPart.slice(0, ((intPart.length - 1) % 3) + 1);
  for (let i = grouped.length; i < intPart.length; i += 3) grouped += `\u202f${intPart.slice(i, i + 3)}`;
  return `${negative ? "-" : ""}${grouped},${frac}${withSymbol ? "\u00a0€" : ""}`;
}

/** French display of a percentage: "5,5 %", "20 %". */
export function formatPercent(value: Decimal): string {
  return `${value.toDecimalPlaces(2).toString().replace(".", ",")}\u00a0%`;
}
