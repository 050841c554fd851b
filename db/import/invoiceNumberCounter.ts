import type { IsoDate } from "../../engine/dates/plainDate.js";
import { numberingPeriod } from "../../engine/numbering/invoiceNumber.js";

const TOKEN = /\{(YYYY|YY|MM|N+)\}/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/**
 * Reads back the counter of a number written in a series' format, for an invoice issued on
 * `issueDate`: "F-2026-0042" in "F-{YYYY}-{NNNN}" issued in 2026 → { period: "2026", counter: 42 }.
 * Undefined when the number is not of this format (another system's numbering) or its date tokens
 * are not those of the issue date.
 */
export function counterOfNumber(format: string, number: string, issueDate: IsoDate): { period: string; counter: number } | undefined {
  const [year = "", month = ""] = issueDate.split("-");
  let pattern = "";
  let last = 0;
  const groups: string[] = [];
  for (const match of format.matchAll(TOKEN)) {
    pattern += escape(format.slice(last, match.index));
    const token = match[1] ?? "";
    if (token === "YYYY") pattern += escape(year);
    else if (token === "YY") pattern += escape(year.slice(2));
    else if (token === "MM") pattern += escape(month);
    else {
      pattern += `(\\d{${token.length},9})`;
      groups.push(token);
    }
    last = (match.index ?? 0) + match[0].length;
  }
  pattern += escape(format.slice(last));
  const found = new RegExp(`^${pattern}$`).exec(number);
  if (!found || groups.length !== 1 || found[1] === undefined) return undefined;
  return { period: numberingPeriod(format, issueDate), counter: Number.parseInt(found[1], 10) };
}
