import { type IsoDate, isIsoDate } from "../engine/dates/plainDate.js";
import { InputError } from "../engine/errors.js";

/** Paris calendar date of an instant (the business "today"). */
export function parisDate(instant: Date): IsoDate {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** A value safe to repeat in a message: short and printable, else not shown. */
const quoted = (value: string) => (/^[\x20-\x7e]{1,40}$/.test(value) ? `« ${value} » ` : "");

/**
 * The business day of a process: FACTURATION_TODAY (AAAA-MM-JJ) when it is set — demonstrations, tests, a
 * replay — else the Paris date of `now()` at each call. A value that is not a calendar date is refused once,
 * before anything is opened (InputError naming the variable: exit 2 on the CLI), instead of failing later in
 * every tool that reads the day.
 */
export function businessDay(env: Readonly<Record<string, string | undefined>>, now: () => Date = () => new Date()): () => IsoDate {
  const pinned = env.FACTURATION_TODAY?.trim();
  if (pinned === undefined || pinned === "") return () => parisDate(now());
  if (!isIsoDate(pinned)) {
    throw new InputError(
      `${quoted(pinned)}n'est pas une date du calendrier au format AAAA-MM-JJ (par exemple 2026-11-25) ; corrigez la variable, ou retirez-la pour travailler à la date du jour`,
      { field: "FACTURATION_TODAY", code: "invalid_business_day" },
    );
  }
  return () => pinned;
}
