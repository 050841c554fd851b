import { distance } from "fastest-levenshtein";

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment
 * for the common case): fastest-levenshtein's distance, lowered by one when the two words differ
 * only by a swap of two neighbouring letters ("paeiment" / "paiement").
 */
export function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const diffs: number[] = [];
  for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
  const [i, j] = diffs;
  if (diffs.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i]) return 1;
  return d;
}

/** How many edits a word of this length may carry and still be recognised. */
export function allowedEdits(length: number): number {
  if (length >= 9) return 2;
  if (length >= 6) return 1;
  return 0;
}

/**
 * Replaces each unknown word by the vocabulary word it most plausibly misspells (same first
 * letter, within `allowedEdits`); known words and short words are never touched.
 */
export function correctTypos(tokens: readonly string[], vocabulary: readonly string[], known: ReadonlySet<string>): string[] {
  return tokens.map((token) => {
    if (known.has(token) || !/^[a-z]+$/.test(token)) return token;
    const budget = allowedEdits(token.length);
    if (budget === 0) return token;
    let best: { word: string; d: number } | undefined;
    for (const word of vocabulary) {
      if (word[0] !== token[0] || Math.abs(word.length - token.length) > budget) continue;
      const d = typoDistance(token, word);
      if (d <= budget && (!best || d < best.d)) best = { word, d };
    }
    return best?.word ?? token;
  });
}
