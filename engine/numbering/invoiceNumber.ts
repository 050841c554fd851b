import type { IsoDate } from "../dates/plainDate.js";
import { InputError, RuleError } from "../errors.js";

/**
 * Invoice numbers from a format such as "F-{YYYY}-{NNNNN}": {YYYY} year, {YY} two-digit year,
 * {MM} month, {N…} the counter zero-padded to as many digits as N (at least one). The result must be
 * at most 35 characters of [A-Za-z0-9+-_/] (EN 16931 / French e-invoicing rules).
 */
export const NUMBER_PATTERN = /^[A-Za-z0-9+_/-]{1,35}$/;
const TOKEN = /\{(YYYY|YY|MM|N+)\}/g;

export function formatInvoiceNumber(format: string, issueDate: IsoDate, counter: number): string {
  const [year = "", month = ""] = issueDate.split("-");
  const number = format.replace(TOKEN, (_match, token: string) => {
    if (token === "YYYY") return year;
    if (token === "YY") return year.slice(2);
    if (token === "MM") return month;
    return String(counter).padStart(token.length, "0");
  });
  if (!NUMBER_PATTERN.test(number)) {
    throw new RuleError(`le numéro « ${number} » dépasse 35 caractères ou contient des caractères interdits`, { field: "number", code: "invalid_number" });
  }
  return number;
}

/** The date part the counter restarts with: "2026" for a yearly format, "2026-03" with {MM}, "" for none. */
export function numberingPeriod(format: string, issueDate: IsoDate): string {
  const [year = "", month = ""] = issueDate.split("-");
  const hasYear = /\{(YYYY|YY)\}/.test(format);
  const hasMonth = /\{MM\}/.test(format);
  return [hasYear || hasMonth ? year : "", hasMonth ? month : ""].filter(Boolean).join("-");
}

/** Validates a numbering format (counter present, allowed characters, at most 35 characters once rendered). */
export function validateNumberFormat(format: string, field = "format"): string {
  if (!/\{N+\}/.test(format)) throw new InputError("doit contenir un compteur {NNNNN}", { field });
  const literal = format.replace(TOKEN, "");
  if (!/^[A-Za-z0-9+_/-]*$/.test(literal)) {
    throw new InputError("ne peut contenir que des lettres, chiffres et les caractères + - _ /", { field });
  }
  const longest = formatLongest(format);
  if (longest.length > 35) throw new InputError(`donne des numéros de ${longest.length} caractères (35 au plus)`, { field });
  return format;
}

function formatLongest(format: string): string {
  return format.replace(TOKEN, (_m, token: string) => (token === "YYYY" ? "2026" : token === "YY" || token === "MM" ? "12" : "9".repeat(Math.max(token.length, 6))));
}
