import { foldSameLength } from "./normalizeText.js";
import type { TextSpan } from "./textSpan.js";

export interface InvoiceNumberMatch extends TextSpan {
  /** Canonical form, e.g. "F-2026-0031", "AV-2026-00001". */
  readonly number: string;
}

const INVOICE_NUMBER = /\b(av|fa|f|a)\s?-?\s?(\d{4})\s?-\s?(\d{1,6})\b/g;

/** Invoice and credit-note numbers written like F-2026-0031, f-2026-00042, AV-2026-00001, F 2026-0031, F-2026-31 (→ F-2026-0031). */
export function findInvoiceNumbers(text: string): InvoiceNumberMatch[] {
  const folded = foldSameLength(text);
  const found: InvoiceNumberMatch[] = [];
  for (const m of folded.matchAll(INVOICE_NUMBER)) {
    const [whole, prefix = "", year = "", sequence = ""] = m;
    const canonicalPrefix = prefix === "a" ? "AV" : prefix.toUpperCase();
    found.push({ number: `${canonicalPrefix}-${year}-${sequence.padStart(4, "0")}`, start: m.index, end: m.index + whole.length, raw: text.slice(m.index, m.index + whole.length) });
  }
  return found;
}
