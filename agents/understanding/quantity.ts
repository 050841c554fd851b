import { z } from "zod";
import { Decimal, toPlainString } from "../../engine/money/money.js";
import { parseFrenchNumber } from "./frenchNumber.js";
import { foldSameLength } from "./normalizeText.js";
import type { TextSpan } from "./textSpan.js";

export const TimeUnitSchema = z.enum(["hour", "day"]);
export type TimeUnit = z.infer<typeof TimeUnitSchema>;

export interface QuantityMatch extends TextSpan {
  /** Plain decimal string: "3", "2.5". */
  readonly quantity: string;
  readonly unit: TimeUnit;
}

const QUANTITY = /(?<![\d.,])(\d+(?:[.,]\d+)?)\s?(heures?|hrs?|h|jours?|jrs?|j|journees?|demi[- ]journees?)(?![a-z])/g;
/** Durations that are not time worked: "depuis 15 jours", "dans 5 jours", "plus de 90 jours". */
const NOT_WORKED = /(depuis|dans|sous|d'ici|ici|plus de|moins de|au[- ]dela de|il y a|de retard|retard de|>|<|les|ces|derniers?|prochains?)\s*(plus de\s*)?$/;

/**
 * Time worked: "3 jours", "2,5 h", "12 heures", "5 j" → { quantity: "3", unit: "day" }…
 * A half day counts 0.5 day. Durations such as "depuis 15 jours" are not quantities.
 */
export function findQuantities(text: string): QuantityMatch[] {
  const folded = foldSameLength(text);
  const found: QuantityMatch[] = [];
  for (const m of folded.matchAll(QUANTITY)) {
    const [whole, numberText = "", unitText = ""] = m;
    if (NOT_WORKED.test(folded.slice(Math.max(0, m.index - 20), m.index))) continue;
    const value = parseFrenchNumber(numberText);
    if (value === undefined) continue;
    const half = unitText.startsWith("demi");
    const unit: TimeUnit = unitText.startsWith("h") ? "hour" : "day";
    const quantity = half ? halve(value) : value;
    found.push({ quantity, unit, start: m.index, end: m.index + whole.length, raw: text.slice(m.index, m.index + whole.length) });
  }
  return found;
}

function halve(value: string): string {
  return toPlainString(new Decimal(value).div(2));
}
