import { findAmounts } from "./amount.js";
import { INTENT_FEATURES, LEXICON_VOCABULARY } from "./intentLexicon.js";
import { findInvoiceNumbers } from "./invoiceNumber.js";
import { normalizeText } from "./normalizeText.js";
import { findPercentages } from "./percentage.js";
import { findQuantities } from "./quantity.js";
import { findDates } from "./relativeDate.js";
import { maskSpans, type TextSpan } from "./textSpan.js";
import { correctTypos } from "./typoCorrection.js";

/** Any fixed date: only used to mask dates so that "3/11" is not read as a number. */
const ANY_DAY = "2000-01-01";

/** Every word the lexicon patterns mention: such words are never "corrected" as typos. */
const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...LEXICON_VOCABULARY,
  ...Object.values(INTENT_FEATURES).flatMap((features) => features.flatMap((feature) => feature.pattern.source.match(/(?<![a-z)])[a-z]{3,}(?![a-z(]|\\w)/g) ?? [])),
]);

function replaceSpans(text: string, spans: readonly (TextSpan & { replacement: string })[]): string {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, span.start)} ${span.replacement} ${out.slice(span.end)}`;
  }
  return out;
}

/** Puts the slot placeholders in: numfacture, pourcent, qte, montant (dates are kept as words). */
function withPlaceholders(text: string): string {
  const invoices = findInvoiceNumbers(text);
  let masked = maskSpans(text, invoices);
  const dates = findDates(masked, ANY_DAY).filter((d) => /\d/.test(d.raw));
  masked = maskSpans(masked, dates);
  const percents = findPercentages(masked);
  masked = maskSpans(masked, percents);
  const quantities = findQuantities(masked);
  masked = maskSpans(masked, quantities);
  const amounts = findAmounts(masked);
  return replaceSpans(text, [
    ...invoices.map((s) => ({ ...s, replacement: "numfacture" })),
    ...percents.map((s) => ({ ...s, replacement: "pourcent" })),
    ...quantities.map((s) => ({ ...s, replacement: "qte" })),
    ...amounts.map((s) => ({ ...s, replacement: "montant" })),
  ]);
}

/**
 * The form the lexical features read: placeholders for invoice numbers, percentages, time
 * worked and amounts; normalised (no accents, elisions split); likely typos corrected.
 */
export function canonicalForm(text: string): string {
  return canonicalClauses(text).join(" ");
}

const CLAUSE_BREAK = /\s*(?:[,;.!?:]|\bet\b|\bpuis\b|\bensuite\b|\bmais\b|\bsinon\b|\bau passage\b|\bpar ailleurs\b)\s*/;

/** The canonical form cut into clauses at punctuation and at "et", "puis", "ensuite", "mais", "sinon". */
export function canonicalClauses(text: string): string[] {
  const normalized = normalizeText(withPlaceholders(text), { keepClauseMarks: true });
  return normalized
    .split(CLAUSE_BREAK)
    .map((clause) => correctTypos(clause.split(" ").filter((t) => t.length > 0), LEXICON_VOCABULARY, KNOWN_WORDS).join(" "))
    .filter((clause) => clause.length > 0);
}
