import { normalizeText } from "../normalizeText.js";

/**
 * The features the intent classifier reads from a request: its words, its word pairs and the
 * 3- and 4-letter pieces of each word (typos and missing accents leave most pieces intact), on the
 * canonical form (no accents, lower case, elisions split). Numbers are reduced to their shape.
 */
export function requestFeatures(text: string): string[] {
  const words = normalizeText(text)
    .replace(/[,;.!?:]/g, " ")
    .split(" ")
    .filter((w) => w !== "")
    .map((w) => (/\d/.test(w) ? (w.includes("%") ? "<pct>" : w.includes("€") ? "<eur>" : /^f?\d{4}/.test(w) ? "<num4>" : "<num>") : w));
  const out: string[] = ["<bias>"];
  const padded = ["<s>", ...words, "</s>"];
  for (let i = 0; i < words.length; i++) out.push(`w:${words[i]}`);
  for (let i = 0; i + 1 < padded.length; i++) out.push(`b:${padded[i]}_${padded[i + 1]}`);
  for (const w of words) {
    if (w.startsWith("<") || w.length < 3) continue;
    const p = `^${w}$`;
    for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= p.length; i++) out.push(`c:${p.slice(i, i + n)}`);
  }
  if (words.length <= 3) out.push("len:short");
  if (text.trim().endsWith("?")) out.push("q:mark");
  return out;
}
