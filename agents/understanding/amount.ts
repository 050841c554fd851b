import { Decimal, toAmountString } from "../../engine/money/money.js";
import { parseFrenchNumber } from "./frenchNumber.js";
import { foldSameLength } from "./normalizeText.js";
import type { TextSpan } from "./textSpan.js";

export interface AmountMatch extends TextSpan {
  /** Euros as a decimal string with two decimals, e.g. "16200.00". */
  readonly amount: string;
  /** True when the text said so (€, euros, k€); false for a bare number accepted with `allowBare`. */
  readonly withCurrency: boolean;
}

const NUMBER = String.raw`\d+(?:[ .,]\d+)*`;
const CURRENCY = String.raw`(k\s?€|k\s?eur(?:os?)?\b|keur\b|€|eur(?:os?)?\b)`;
const WITH_CURRENCY = new RegExp(String.raw`(?<![\d.,])(${NUMBER})\s?${CURRENCY}`, "g");
const CURRENCY_FIRST = new RegExp(String.raw`(€|eur)\s?(${NUMBER})(?![\d])`, "g");
const BARE = new RegExp(String.raw`(?<![\d.,/\w-])(${NUMBER})(?![\d.,/]*\d)(?!\s?(%|pour\s?cent|h\b|heures?|j\b|jours?|jrs?|semaines?|mois|ans?|annees?))`, "g");

/**
 * Parses one amount as written by a French user: "16 200 €", "16 200,00 €", "1 200,50 euros",
 * "1.200,50 €", "450€", "3 k€", "16200" → "16200.00", "1200.50", "450.00", "3000.00".
 * Exact (decimal.js), never through a float. Undefined when it is not an amount, or has more than
 * two decimals (a cent is the smallest unit) unless it is counted in k€.
 */
export function parseAmount(raw: string): string | undefined {
  const folded = foldSameLength(raw).trim();
  const m = new RegExp(String.raw`^(?:(€|eur)\s?)?(${NUMBER})\s?${CURRENCY}?$`).exec(folded);
  if (!m) return undefined;
  const [, , numberText = "", currency = ""] = m;
  return toAmount(numberText, currency);
}

function toAmount(numberText: string, currency: string): string | undefined {
  const plain = parseFrenchNumber(numberText);
  if (plain === undefined) return undefined;
  const thousands = currency.startsWith("k");
  const value = thousands ? new Decimal(plain).times(1000) : new Decimal(plain);
  if (value.decimalPlaces() > 2) return undefined;
  return toAmountString(value);
}

/**
 * Every amount in `text`, in order. With `allowBare`, numbers without a currency also count
 * (not dates, percentages, durations); mask invoice numbers and dates first.
 */
export function findAmounts(text: string, options: { allowBare?: boolean } = {}): AmountMatch[] {
  const folded = foldSameLength(text);
  const found: AmountMatch[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  for (const m of folded.matchAll(WITH_CURRENCY)) {
    const [whole, numberText = "", currency = ""] = m;
    const start = m.index + (numberText.length - trimmedNumber(numberText).length);
    const amount = toAmount(trimmedNumber(numberText), currency);
    if (amount !== undefined) found.push({ amount, withCurrency: true, start, end: m.index + whole.length, raw: text.slice(start, m.index + whole.length) });
  }
  for (const m of folded.matchAll(CURRENCY_FIRST)) {
    const [whole, , numberText = ""] = m;
    const amount = toAmount(numberText, "");
    if (amount !== undefined && !taken(m.index, m.index + whole.length)) found.push({ amount, withCurrency: true, start: m.index, end: m.index + whole.length, raw: text.slice(m.index, m.index + whole.length) });
  }
  if (options.allowBare) {
    for (const m of folded.matchAll(BARE)) {
      const [whole] = m;
      const amount = toAmount(whole, "");
      if (amount !== undefined && !taken(m.index, m.index + whole.length)) found.push({ amount, withCurrency: false, start: m.index, end: m.index + whole.length, raw: text.slice(m.index, m.index + whole.length) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "3 16 200" keeps its well-formed tail "16 200" (the leading "3 " is another word's number). */
function trimmedNumber(numberText: string): string {
  if (parseFrenchNumber(numberText) !== undefined) return numberText;
  const parts = numberText.split(" ");
  for (let i = 1; i < parts.length; i++) {
    const tail = parts.slice(i).join(" ");
    if (parseFrenchNumber(tail) !== undefined) return tail;
  }
  return numberText;
}
