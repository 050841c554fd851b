import { distance } from "fastest-levenshtein";

/**
 * Approximate name matching for the find tools: accents, case and punctuation ignored, typos
 * tolerated (Levenshtein), partial words accepted ("refon" finds "Refonte du site"). A score in
 * [0, 1]: 1 for the same name, lower as the query drifts from it.
 */
export function normalizeName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const STOP_WORDS = new Set(["le", "la", "les", "l", "de", "du", "des", "d", "et", "a", "au", "aux", "sa", "sas", "sarl", "eurl", "the"]);

function tokens(normalized: string): string[] {
  const all = normalized.split(" ").filter((t) => t.length > 0);
  const meaningful = all.filter((t) => !STOP_WORDS.has(t));
  return meaningful.length > 0 ? meaningful : all;
}

function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** How well one query word matches one word of the name. */
function wordScore(query: string, word: string): number {
  if (query === word) return 1;
  if (query.length >= 3 && word.startsWith(query)) return 0.9;
  // A typo in a prefix ("refonet" for "refonte…").
  const prefix = word.slice(0, query.length);
  return Math.max(similarity(query, word), query.length >= 4 ? similarity(query, prefix) - 0.1 : 0);
}

/** Score of `name` for `query` in [0, 1] (rounded to two decimals). */
export function nameScore(query: string, name: string): number {
  const q = normalizeName(query);
  const n = normalizeName(name);
  if (q === "" || n === "") return 0;
  if (q === n) return 1;
  const qTokens = tokens(q);
  const nTokens = tokens(n);
  const perWord = qTokens.map((qt) => Math.max(0, ...nTokens.map((nt) => wordScore(qt, nt))));
  const wordsScore = (perWord.reduce((a, b) => a + b, 0) / qTokens.length) * 0.95;
  const contained = n.includes(q) ? 0.92 : 0;
  const whole = similarity(q, n);
  return Math.round(Math.max(wordsScore, contained, whole) * 100) / 100;
}

export interface Ranked<T> {
  readonly item: T;
  readonly score: number;
  /** The name (or alias) that matched best. */
  readonly matched: string;
}

/** Below this score a candidate is not returned. */
export const MIN_SCORE = 0.6;

/**
 * Ranks `items` by their best-matching name (an item may have several: name, reference, lots…),
 * best first, dropping those under `MIN_SCORE`. Ties keep the input order.
 */
export function rankByName<T>(query: string, items: readonly T[], namesOf: (item: T) => readonly string[], limit = 5): Ranked<T>[] {
  const ranked = items.flatMap((item) => {
    let best: { score: number; matched: string } = { score: 0, matched: "" };
    for (const name of namesOf(item)) {
      const score = nameScore(query, name);
      if (score > best.score) best = { score, matched: name };
    }
    return best.score >= MIN_SCORE ? [{ item, ...best }] : [];
  });
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}

/** Several candidates and the best does not clearly win (exact match, or 0.1 ahead of the next). */
export function isAmbiguous(ranked: readonly Ranked<unknown>[]): boolean {
  const [first, second] = ranked;
  if (!first || !second) return false;
  if (first.score === 1 && second.score < 1) return false;
  return first.score - second.score < 0.1;
}

/**
 * The known name `query` designates, spelled as stored (engine triggers compare names exactly):
 * the same name up to accents, case and punctuation, else a single close match (score ≥ 0.85).
 */
export function canonicalName(query: string, known: readonly string[]): string | undefined {
  const q = normalizeName(query);
  const same = known.find((k) => normalizeName(k) === q);
  if (same !== undefined) return same;
  const close = known.filter((k) => nameScore(query, k) >= 0.85);
  return close.length === 1 ? close[0] : undefined;
}
