import { Temporal } from "temporal-polyfill";

/** A calendar date as an ISO string "YYYY-MM-DD". The engine never reads the clock: `today` is passed in. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is false). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" }).toString() === value;
  } catch {
    return false;
  }
}

const plain = (d: IsoDate) => Temporal.PlainDate.from(d, { overflow: "reject" });

const MS_PER_DAY = 86_400_000;
const EPOCH = Temporal.PlainDate.from("1970-01-01");
/** Epoch days of 0001-01-01 and 9999-12-31: within them a date's ISO string is the plain "YYYY-MM-DD" of `Date`. */
const FIRST_PLAIN_DAY = -719_162;
const LAST_PLAIN_DAY = 2_932_896;
const EPOCH_DAYS_REMEMBERED = 100_000;
const epochDays = new Map<IsoDate, number>();

/**
 * Days since 1970-01-01. Each distinct date is checked and converted once by Temporal, then remembered:
 * reports over hundreds of thousands of invoices repeat the same few thousand dates.
 */
function epochDay(date: IsoDate): number {
  let days = epochDays.get(date);
  if (days === undefined) {
    days = EPOCH.until(plain(date), { largestUnit: "days" }).days;
    if (epochDays.size >= EPOCH_DAYS_REMEMBERED) epochDays.clear();
    epochDays.set(date, days);
  }
  return days;
}

const isoDates = new Map<number, IsoDate>();

/** The ISO date of an epoch day within 0001–9999, remembered like `epochDay`. */
function isoDateOfEpochDay(day: number): IsoDate {
  let date = isoDates.get(day);
  if (date === undefined) {
    date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoDates.size >= EPOCH_DAYS_REMEMBERED) isoDates.clear();
    isoDates.set(day, date);
  }
  return date;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const result = Number.isInteger(days) ? epochDay(date) + days : Number.NaN;
  if (!(result >= FIRST_PLAIN_DAY && result <= LAST_PLAIN_DAY)) return plain(date).add({ days }).toString();
  return isoDateOfEpochDay(result);
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  return plain(date).add({ months }).toString();
}

/** Last day of the month of `date`. */
export function endOfMonth(date: IsoDate): IsoDate {
  const d = plain(date);
  return d.with({ day: d.daysInMonth }).toString();
}

export function isEndOfMonth(date: IsoDate): boolean {
  return endOfMonth(date) === date;
}

/** Signed number of days from `from` to `to` (to − from). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

/** Whole calendar months from `from` to `to` (2026-01-15 → 2026-05-14 is 3, → 2026-05-15 is 4). Negative when to < from. */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  return plain(from).until(plain(to), { largestUnit: "months" }).months;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** First day of the month of `date`. */
export function startOfMonth(date: IsoDate): IsoDate {
  return plain(date).with({ day: 1 }).toString();
}

/** French long form: "20 mars 2026". */
export function formatDateFr(date: IsoDate): string {
  const months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
  const d = plain(date);
  return `${d.day === 1 ? "1er" : d.day} ${months[d.month - 1]} ${d.year}`;
}

/** Short French form: "20/03/2026". */
export function formatDateShortFr(date: IsoDate): string {
  if (ISO_DATE.test(date)) {
    epochDay(date); // checks it is a real date
    return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  }
  const d = plain(date);
  return `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${d.year}`;
}
