import { findAmounts } from "./amount.js";
import { findInvoiceNumbers } from "./invoiceNumber.js";
import { foldSameLength } from "./normalizeText.js";
import { findPercentages } from "./percentage.js";
import { findQuantities } from "./quantity.js";
import { findDates } from "./relativeDate.js";
import { maskSpans, type TextSpan } from "./textSpan.js";

const ANY_DAY = "2000-01-01";
const BREAK = /[,;.!?:]|\b(?:et|puis|ensuite|mais|sinon|au passage|par ailleurs)\b/g;

/**
 * The clauses of a request as spans of the original text, cut where `canonicalClauses` cuts
 * (punctuation, "et", "puis", "ensuite", "mais", "sinon"), never inside an amount, a date, a
 * percentage or an invoice number ("1 200,50 €", "3/11/2026", "F-2026-0031").
 */
export function splitClauses(text: string): TextSpan[] {
  let masked = text;
  for (const find of [findInvoiceNumbers, (t: string) => findDates(t, ANY_DAY), findPercentages, findQuantities, (t: string) => findAmounts(t)]) {
    masked = maskSpans(masked, find(masked));
  }
  const folded = foldSameLength(masked);
  const spans: TextSpan[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length > 0) spans.push({ start: start + lead, end: start + lead + trimmed.length, raw: trimmed });
  };
  for (const m of folded.matchAll(BREAK)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(text.length);
  return spans;
}
