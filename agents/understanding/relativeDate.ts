import { Temporal } from "temporal-polyfill";
import { addDays, endOfMonth, type IsoDate } from "../../engine/dates/plainDate.js";
import { COUNT_WORDS_PATTERN, parseSmallCount } from "./frenchNumber.js";
import { MONTH_PATTERN, closestYear, monthNumber } from "./monthName.js";
import { foldSameLength } from "./normalizeText.js";
import type { TextSpan } from "./textSpan.js";

export interface DateMatch extends TextSpan {
  readonly date: IsoDate;
}

const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const;

type DateRule = { readonly pattern: RegExp; readonly resolve: (m: RegExpMatchArray, today: IsoDate) => IsoDate | undefined };

const safeDate = (year: number, month: number, day: number): IsoDate | undefined => {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" }).toString();
  } catch {
    return undefined;
  }
};
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number.parseInt(y, 10) : Number.parseInt(y, 10));
const dayOf = (d: string): number => (d === "1er" ? 1 : Number.parseInt(d, 10));

/** Ordered: the first rule that matches a span wins it. Patterns run on folded text. */
const RULES: readonly DateRule[] = [
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g, resolve: (m) => safeDate(fullYear(m[1] ?? ""), Number(m[2]), Number(m[3])) },
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?\b/g,
    resolve: (m, today) => {
      const day = Number(m[1]);
      const month = Number(m[2]);
      if (month < 1 || month > 12) return undefined;
      return safeDate(m[3] ? fullYear(m[3]) : closestYear(today, month, day), month, day);
    },
  },
  { pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, resolve: (m) => safeDate(Number(m[3]), Number(m[2]), Number(m[1])) },
  {
    pattern: new RegExp(String.raw`\b(1er|\d{1,2}) (${MONTH_PATTERN})\.?(?: (\d{4}))?\b`, "g"),
    resolve: (m, today) => {
      const month = monthNumber(m[2] ?? "");
      if (!month) return undefined;
      const day = dayOf(m[1] ?? "");
      return safeDate(m[3] ? Number(m[3]) : closestYear(today, month, day), month, day);
    },
  },
  {
    pattern: new RegExp(String.raw`\b(debut|mi|milieu|fin)[ -](?:du mois )?(?:d'|de )?(${MONTH_PATTERN})\.?(?: (\d{4}))?\b`, "g"),
    resolve: (m, today) => {
      const month = monthNumber(m[2] ?? "");
      if (!month) return undefined;
      const which = m[1];
      const day = which === "debut" ? 1 : which === "fin" ? 28 : 15;
      const year = m[3] ? Number(m[3]) : closestYear(today, month, day);
      const first = safeDate(year, month, 1);
      if (!first) return undefined;
      return which === "fin" ? endOfMonth(first) : safeDate(year, month, day);
    },
  },
  { pattern: /\bavant[- ]hier\b/g, resolve: (_m, today) => addDays(today, -2) },
  { pattern: /\bapres[- ]demain\b/g, resolve: (_m, today) => addDays(today, 2) },
  { pattern: /\bhier\b/g, resolve: (_m, today) => addDays(today, -1) },
  { pattern: /\bdemain\b/g, resolve: (_m, today) => addDays(today, 1) },
  { pattern: /\b(aujourd'hui|aujourd hui|ce matin|ce midi|cet apres[- ]midi|ce soir|tout a l'heure)\b/g, resolve: (_m, today) => today },
  {
    pattern: new RegExp(String.raw`\bil y a (\d{1,3}|${COUNT_WORDS_PATTERN}) (jours?|semaines?)\b`, "g"),
    resolve: (m, today) => {
      const n = parseSmallCount(m[1] ?? "");
      return n === undefined ? undefined : addDays(today, -n * (m[2]?.startsWith("semaine") ? 7 : 1));
    },
  },
  {
    pattern: /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: (dernier|passe|prochain))?\b/g,
    resolve: (m, today) => {
      const target = WEEKDAYS.indexOf((m[1] ?? "lundi") as (typeof WEEKDAYS)[number]) + 1;
      const current = Temporal.PlainDate.from(today).dayOfWeek;
      const which = m[2];
      if (which === "dernier" || which === "passe") return addDays(today, -(((current - target + 6) % 7) + 1));
      if (which === "prochain") return addDays(today, ((target - current + 6) % 7) + 1);
      return addDays(today, target - current);
    },
  },
];

/**
 * Dates in `text`, resolved against `today` (never the clock), in reading order:
 * "hier", "avant-hier", "aujourd'hui", "ce matin", "le 3/11", "3/11/2026", "le 3 novembre",
 * "fin octobre", "début novembre", "lundi dernier", "vendredi" (this week's), "il y a 3 jours".
 * A day and month without a year take the occurrence closest to today.
 */
export function findDates(text: string, today: IsoDate): DateMatch[] {
  const folded = foldSameLength(text);
  const found: DateMatch[] = [];
  for (const rule of RULES) {
    for (const m of folded.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const date = rule.resolve(m, today);
      if (date) found.push({ date, start, end, raw: text.slice(start, end) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
