import { Temporal } from "temporal-polyfill";
import type { IsoDate } from "../../engine/dates/plainDate.js";

/** French month names (folded: no accents), January first, with the usual abbreviations. */
const MONTHS: readonly (readonly string[])[] = [
  ["janvier", "janv", "jan"],
  ["fevrier", "fevr", "fev"],
  ["mars"],
  ["avril", "avr"],
  ["mai"],
  ["juin"],
  ["juillet", "juil"],
  ["aout"],
  ["septembre", "sept", "sep"],
  ["octobre", "oct"],
  ["novembre", "nov"],
  ["decembre", "dec"],
];

/** Regex alternation of the month names, longest first (for use inside a larger pattern). */
export const MONTH_PATTERN = MONTHS.flat()
  .sort((a, b) => b.length - a.length)
  .join("|");

/** 1–12 for a (folded) French month name or abbreviation. */
export function monthNumber(name: string): number | undefined {
  const i = MONTHS.findIndex((names) => names.includes(name.replace(/\.$/, "")));
  return i < 0 ? undefined : i + 1;
}

/**
 * The year to give a day/month written without one: the occurrence closest to `today`
 * (a tie goes to the past). On 2026-11-24, "3/11" is 2026-11-03, "fin octobre" 2026-10-31,
 * "5 janvier" 2027-01-05 and "15 juin" 2026-06-15.
 */
export function closestYear(today: IsoDate, month: number, day: number): number {
  const t = Temporal.PlainDate.from(today);
  const candidates = [t.year - 1, t.year, t.year + 1].flatMap((year) => {
    const first = Temporal.PlainDate.from({ year, month, day: 1 });
    if (day > first.daysInMonth) return [];
    const date = first.with({ day });
    return [{ year, distance: Math.abs(t.until(date, { largestUnit: "days" }).days), past: Temporal.PlainDate.compare(date, t) <= 0 }];
  });
  candidates.sort((a, b) => a.distance - b.distance || Number(b.past) - Number(a.past));
  return candidates[0]?.year ?? t.year;
}

/** The year of a month written without one: the month closest to today's (a tie goes to the past). */
export function closestYearOfMonth(today: IsoDate, month: number): number {
  const t = Temporal.PlainDate.from(today);
  const delta = month - t.month;
  if (delta >= 6) return t.year - 1;
  if (delta < -6) return t.year + 1;
  return t.year;
}
