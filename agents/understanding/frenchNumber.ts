import { Decimal, toPlainString } from "../../engine/money/money.js";

/**
 * A French-written number as an exact decimal string, never through a JavaScript float:
 * "16 200" → "16200", "1.200,50" → "1200.50", "2,5" → "2.5", "1,200.50" → "1200.50".
 * Comma is the decimal mark unless it is repeated or followed by a dot; a dot followed by exactly
 * three digits groups thousands. Returns undefined when the text is not one well-formed number.
 */
export function parseFrenchNumber(raw: string): string | undefined {
  const s = raw.trim().replace(/[\u00A0\u202F\u2007\u2009]/g, " ");
  if (!/^\d[\d .,]*$/.test(s) || /[ .,]$/.test(s)) return undefined;
  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  let decimalMark: "," | "." | undefined;
  if (commas === 1 && (dots === 0 || s.lastIndexOf(",") > s.lastIndexOf("."))) decimalMark = ",";
  else if (dots === 1 && (commas === 0 || s.lastIndexOf(".") > s.lastIndexOf(","))) {
    const after = s.slice(s.lastIndexOf(".") + 1);
    decimalMark = commas > 0 || after.length !== 3 ? "." : undefined;
  }
  let integerPart = s;
  let fraction = "";
  if (decimalMark) {
    const at = s.lastIndexOf(decimalMark);
    integerPart = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!/^\d+$/.test(fraction)) return undefined;
  }
  const groups = integerPart.split(/[ .,]/);
  if (groups.length > 1) {
    const [first = "", ...rest] = groups;
    if (!/^\d{1,3}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) return undefined;
  }
  const digits = groups.join("");
  return toPlainString(new Decimal(fraction ? `${digits}.${fraction}` : digits));
}

const WORDS: Readonly<Record<string, number>> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
  onze: 11, douze: 12, quinze: 15, vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
  "quatre vingt": 80, "quatre vingts": 80, "quatre vingt dix": 90, cent: 100,
};

/** A small whole number written in digits or in French words ("deux", "quinze", "quatre-vingt-dix"). */
export function parseSmallCount(raw: string): number | undefined {
  const s = raw.trim().toLowerCase().replace(/-/g, " ");
  if (/^\d{1,4}$/.test(s)) return Number.parseInt(s, 10);
  return WORDS[s];
}

/** The regex alternation of the number words understood by `parseSmallCount`, longest first. */
export const COUNT_WORDS_PATTERN = Object.keys(WORDS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, "[ -]"))
  .join("|");
