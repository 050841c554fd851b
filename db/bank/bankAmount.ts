import { isDecimalString, toAmountString, toDecimal } from "../../engine/money/money.js";

/**
 * Reads an amount as French banks write it in their exports: "1 234,56", "1.234,56", "-45,90",
 * "+1200,00 €", "1234.56". Thousands separators (space, non-breaking space, dot or comma before a
 * decimal separator) are dropped. Returns the wire form ("1234.56"), or undefined when the text is
 * not an amount to the cent (an amount with three decimals is refused rather than guessed).
 */
export function parseBankAmount(text: string): string | undefined {
  let s = text.replace(/[\s\u00a0\u202f']/g, "").replace(/(€|EUR)$/i, "").replace(/^\+/, "");
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last one is the decimal separator.
    const [thousands, decimal] = lastComma > lastDot ? [".", ","] : [",", "."];
    s = s.split(thousands).join("");
    if (decimal === ",") s = s.replace(",", ".");
  } else if (lastComma >= 0) {
    if (s.indexOf(",") !== lastComma) return undefined;
    s = s.replace(",", ".");
  } else if (lastDot >= 0 && s.indexOf(".") !== lastDot) {
    return undefined;
  }
  if (!isDecimalString(s) || /\.\d{3,}$/.test(s)) return undefined;
  return toAmountString(toDecimal(s));
}
