import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { addDays, addMonths, endOfMonth, startOfMonth, type IsoDate } from "../../engine/dates/plainDate.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { COUNT_WORDS_PATTERN, parseSmallCount } from "./frenchNumber.js";
import { MONTH_PATTERN, closestYearOfMonth, monthNumber } from "./monthName.js";
import { foldSameLength } from "./normalizeText.js";
import type { TextSpan } from "./textSpan.js";

/** A closed range of calendar days, both ends included. */
export const PeriodSchema = z.object({ from: IsoDateSchema, to: IsoDateSchema });
export type Period = z.infer<typeof PeriodSchema>;

export interface PeriodMatch extends TextSpan {
  readonly period: Period;
}

const monthRange = (year: number, month: number): Period => {
  const from = Temporal.PlainDate.from({ year, month, day: 1 }).toString();
  return { from, to: endOfMonth(from) };
};
const weekRange = (today: IsoDate, weeks: number): Period => {
  const monday = addDays(today, 1 - Temporal.PlainDate.from(today).dayOfWeek + 7 * weeks);
  return { from: monday, to: addDays(monday, 6) };
};
const quarterRange = (today: IsoDate, quarters: number): Period => {
  const t = Temporal.PlainDate.from(today);
  const first = Temporal.PlainDate.from({ year: t.year, month: Math.floor((t.month - 1) / 3) * 3 + 1, day: 1 }).add({ months: 3 * quarters });
  return { from: first.toString(), to: endOfMonth(first.add({ months: 2 }).toString()) };
};
const yearRange = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });
const shiftMonth = (today: IsoDate, months: number): Period => {
  const first = addMonths(startOfMonth(today), months);
  return { from: first, to: endOfMonth(first) };
};

type PeriodRule = { readonly pattern: RegExp; readonly resolve: (m: RegExpMatchArray, today: IsoDate) => Period | undefined };

const YEAR = (today: IsoDate) => Temporal.PlainDate.from(today).year;

/** Ordered, most specific first; patterns run on folded text. */
const RULES: readonly PeriodRule[] = [
  { pattern: /\bd'ici (?:la )?fin du mois\b/g, resolve: (_m, today) => ({ from: today, to: endOfMonth(today) }) },
  { pattern: /\bd'ici (?:la )?fin de (?:la )?semaine\b/g, resolve: (_m, today) => ({ from: today, to: weekRange(today, 0).to }) },
  {
    pattern: new RegExp(String.raw`\b(?:dans|sous|d'ici|les|ces) (\d{1,3}|${COUNT_WORDS_PATTERN}) (?:prochains )?(jours?|semaines?)(?: a venir| qui viennent)?\b`, "g"),
    resolve: (m, today) => {
      const n = parseSmallCount(m[1] ?? "");
      return n === undefined ? undefined : { from: today, to: addDays(today, n * (m[2]?.startsWith("semaine") ? 7 : 1)) };
    },
  },
  { pattern: /\b(?:le |du |au )?mois (?:dernier|precedent|passe)\b/g, resolve: (_m, today) => shiftMonth(today, -1) },
  { pattern: /\b(?:le |du )?mois prochain\b/g, resolve: (_m, today) => shiftMonth(today, 1) },
  { pattern: /\b(?:ce mois[- ]ci|ce mois|du mois|de ce mois|le mois en cours|du mois en cours|mois courant)\b/g, resolve: (_m, today) => shiftMonth(today, 0) },
  { pattern: /\b(?:la |de la )?semaine (?:derniere|passee|precedente)\b/g, resolve: (_m, today) => weekRange(today, -1) },
  { pattern: /\b(?:la |de la )?semaine prochaine\b/g, resolve: (_m, today) => weekRange(today, 1) },
  { pattern: /\b(?:cette semaine|de la semaine|semaine en cours)\b/g, resolve: (_m, today) => weekRange(today, 0) },
  { pattern: /\b(?:le |du )?trimestre (?:dernier|precedent|passe)\b/g, resolve: (_m, today) => quarterRange(today, -1) },
  { pattern: /\b(?:le |du )?trimestre (?:prochain|suivant)\b/g, resolve: (_m, today) => quarterRange(today, 1) },
  { pattern: /\b(?:ce trimestre|du trimestre|le trimestre|trimestre en cours|de ce trimestre)\b/g, resolve: (_m, today) => quarterRange(today, 0) },
  {
    pattern: /\bt([1-4])(?: (\d{4}))?\b/g,
    resolve: (m, today) => {
      const q = Number(m[1]);
      const year = m[2] ? Number(m[2]) : YEAR(today);
      const from = Temporal.PlainDate.from({ year, month: (q - 1) * 3 + 1, day: 1 });
      return { from: from.toString(), to: endOfMonth(from.add({ months: 2 }).toString()) };
    },
  },
  { pattern: /\bl'annee (?:derniere|precedente|passee)\b/g, resolve: (_m, today) => yearRange(YEAR(today) - 1) },
  { pattern: /\b(?:cette annee|de l'annee|l'annee en cours|depuis le debut de l'annee)\b/g, resolve: (_m, today) => yearRange(YEAR(today)) },
  {
    pattern: new RegExp(String.raw`\b(${MONTH_PATTERN})(?: (\d{4}))?\b`, "g"),
    resolve: (m, today) => {
      const month = monthNumber(m[1] ?? "");
      if (!month) return undefined;
      return monthRange(m[2] ? Number(m[2]) : closestYearOfMonth(today, month), month);
    },
  },
  { pattern: /\b(20\d{2})\b/g, resolve: (m) => yearRange(Number(m[1])) },
];

/**
 * Periods in `text`, resolved against `today`: "d'octobre", "de novembre", "octobre 2025",
 * "ce mois-ci", "le mois dernier", "du trimestre", "T3 2026", "cette semaine", "la semaine prochaine",
 * "cette année", "d'ici la fin du mois", "dans 5 jours". A month without a year is the one closest to today.
 * Mask dates first ("le 3 novembre" is a day, not November).
 */
export function findPeriods(text: string, today: IsoDate): PeriodMatch[] {
  const folded = foldSameLength(text);
  const found: PeriodMatch[] = [];
  for (const rule of RULES) {
    for (const m of folded.matchAll(rule.pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const period = rule.resolve(m, today);
      if (period) found.push({ period, start, end, raw: text.slice(start, end) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
