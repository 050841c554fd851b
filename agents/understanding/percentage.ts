import { parseFrenchNumber } from "./frenchNumber.js";
import { foldSameLength } from "./normalizeText.js";
import type { TextSpan } from "./textSpan.js";

export interface PercentageMatch extends TextSpan {
  /** The percentage as a plain decimal string: "30", "2.5". */
  readonly percent: string;
}

const PERCENT = /(?<![\d.,])(\d+(?:[.,]\d+)?)\s?(%|pour\s?cents?\b|pourcents?\b)/g;

/** "30 %", "60%", "30 pour cent", "2,5 %" → "30", "60", "30", "2.5". */
export function findPercentages(text: string): PercentageMatch[] {
  const found: PercentageMatch[] = [];
  for (const m of foldSameLength(text).matchAll(PERCENT)) {
    const [whole, numberText = ""] = m;
    const percent = parseFrenchNumber(numberText);
    if (percent !== undefined) found.push({ percent, start: m.index, end: m.index + whole.length, raw: text.slice(m.index, m.index + whole.length) });
  }
  return found;
}
