/**
 * French text normalisation for the offline understanding: one canonical form so that
 * "Où en sont les paiements ?", "ou en sont les paiments" and "OÙ EN SONT…" look alike.
 *
 * - typographic apostrophes and quotes (’ ‘ ʼ ´ `) become ', œ/æ are expanded;
 * - accents are removed, case is lowered, non-breaking spaces become spaces;
 * - elisions are split ("l'acompte" → "l acompte", "n'a" → "n a"), hyphens split words
 *   ("reste-t-il" → "reste t il"), except a few fixed words ("aujourd'hui", "e-mail");
 * - punctuation is dropped, but clause marks , ; . ! ? : are kept as separate tokens
 *   when `keepClauseMarks` is set (the clause splitter needs them).
 */

const APOSTROPHES = /[\u2019\u2018\u02BC\u00B4`]/g;
const SPACES = /[\u00A0\u202F\u2007\u2009\t\r\n]+/g;

/** Lower case, no accents, plain apostrophes and spaces; the words are left as they are. */
export function foldText(text: string): string {
  return text
    .normalize("NFC")
    .replace(APOSTROPHES, "'")
    .replace(SPACES, " ")
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "OE")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "AE")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

const FIXED_WORDS: readonly [RegExp, string][] = [
  [/\baujourd ?' ?hui\b/g, "aujourdhui"],
  [/\be-?mails?\b/g, "email"],
  [/\bmails?\b/g, "email"],
  [/\bcourriels?\b/g, "email"],
  [/\bback-office\b/g, "backoffice"],
  [/\bpre-?prod\b/g, "preprod"],
  [/\bnon-regression\b/g, "nonregression"],
  [/\bn\s?°/g, "numero "],
  [/>=?/g, " plus de "],
  [/<=?/g, " moins de "],
];

/** The canonical form: folded, elisions and hyphens split, single spaces, clause marks optionally kept. */
export function normalizeText(text: string, options: { keepClauseMarks?: boolean } = {}): string {
  let s = foldText(text);
  for (const [pattern, replacement] of FIXED_WORDS) s = s.replace(pattern, replacement);
  s = s.replace(/'/g, " ").replace(/-/g, " ");
  s = options.keepClauseMarks ? s.replace(/([,;.!?:])/g, " $1 ") : s.replace(/[,;!?:]/g, " ").replace(/\.(?!\d)/g, " ");
  s = s.replace(/[^a-z0-9%€,;.!?:/ ]/g, " ");
  return s.replace(/ +/g, " ").trim();
}

/** The words of `text` in canonical form (clause marks dropped). */
export function tokenize(text: string): string[] {
  return normalizeText(text)
    .split(" ")
    .map((t) => t.replace(/^[.,/]+|[.,/]+$/g, ""))
    .filter((t) => t.length > 0);
}

/**
 * Folds `text` character by character (lower case, accents removed, plain apostrophes and spaces)
 * so that every index of the result is the index of the same character in `text`.
 * Slot finders run on it and report spans that are valid in the original text.
 */
export function foldSameLength(text: string): string {
  let out = "";
  for (const ch of text) {
    if (/[\u2019\u2018\u02BC\u00B4`]/.test(ch)) out += "'";
    else if (/[\u00A0\u202F\u2007\u2009\t\r\n]/.test(ch)) out += " ";
    else {
      const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      const folded = base.length === ch.length ? base : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
      out += folded;
    }
  }
  return out;
}
