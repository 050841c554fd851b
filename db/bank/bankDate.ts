import { isIsoDate, type IsoDate } from "../../engine/dates/plainDate.js";

/** Reads a date as banks write it: 14/11/2026, 14-11-2026, 14.11.2026, 14/11/26, 2026-11-14 or 20261114. */
export function parseBankDate(text: string): IsoDate | undefined {
  const s = text.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  let iso: string = s;
  if (french) {
    const [, day = "", month = "", year = ""] = french;
    iso = `${year.length === 2 ? `20${year}` : year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  } else if (/^\d{8}$/.test(s)) {
    iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    iso = s.slice(0, 10);
  }
  return isIsoDate(iso) ? iso : undefined;
}
