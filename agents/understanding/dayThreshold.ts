import { COUNT_WORDS_PATTERN, parseSmallCount } from "./frenchNumber.js";
import { foldSameLength } from "./normalizeText.js";
import type { TextSpan } from "./textSpan.js";

export interface DayThresholdMatch extends TextSpan {
  /** A number of days late (or since an event), e.g. 60 for "au-delà de 60 jours". */
  readonly days: number;
}

const THRESHOLD = new RegExp(
  String.raw`(?:\b(?:depuis plus d[e'] ?|plus d[e'] ?|au[- ]dela d[e'] ?|depuis |de plus d[e'] ?|superieur a |en retard de |retard de )|>\s?)(?:une? |(\d{1,3}|${COUNT_WORDS_PATTERN}) )?(jours?|j\b|semaines?|mois)\b`,
  "g",
);

/** "au-delà de 60 jours" → 60, "depuis une semaine" → 7, "> 30 jours" → 30, "depuis plus d'un mois" → 30. */
export function findDayThresholds(text: string): DayThresholdMatch[] {
  const found: DayThresholdMatch[] = [];
  for (const m of foldSameLength(text).matchAll(THRESHOLD)) {
    const count = m[1] ? parseSmallCount(m[1]) : 1;
    if (count === undefined) continue;
    const unit = m[2] ?? "jours";
    const days = count * (unit.startsWith("semaine") ? 7 : unit === "mois" ? 30 : 1);
    const start = m.index ?? 0;
    found.push({ days, start, end: start + m[0].length, raw: text.slice(start, start + m[0].length) });
  }
  return found;
}
