import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { InputError } from "../../engine/errors.js";

/** A fact recorded on a project happened today or before: refuses a later date, naming `field`. */
export function pastOrToday(date: IsoDate, today: IsoDate, field: string): IsoDate {
  if (date > today) throw new InputError(`ne peut pas être dans le futur (aujourd'hui : ${formatDateShortFr(today)})`, { field });
  return date;
}
