import { z } from "zod";
import type { CatalogEntry } from "./catalog.js";
import { tokenize } from "./normalizeText.js";
import { typoDistance } from "./typoCorrection.js";

const CandidateSchema = z.object({ name: z.string(), id: z.string().optional(), score: z.number() });

/** A reference resolved against the catalog: one name, several close candidates, or none. */
export const EntityRefSchema = z.discriminatedUnion("status", [
  CandidateSchema.extend({ status: z.literal("matched"), fromContext: z.boolean().optional() }),
  z.object({ status: z.literal("ambiguous"), candidates: z.array(CandidateSchema) }),
]);
export type EntityRef = z.infer<typeof EntityRefSchema>;
export type EntityCandidate = z.infer<typeof CandidateSchema>;

/** Minimum score for a name to count as mentioned. */
export const MATCH_THRESHOLD = 0.75;
/** Candidates closer than this to the best one make the reference ambiguous. */
export const AMBIGUITY_MARGIN = 0.05;

const STOPWORDS = new Set(["de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "sur", "pour", "the", "of"]);
/** Words that name a kind of thing rather than one thing: matching only these does not identify a name. */
const GENERIC = new Set([
  "projet", "site", "client", "societe", "groupe", "sas", "sarl", "sa", "eurl", "conseil", "conseils", "mobile", "industries",
  "industrie", "services", "service", "solutions", "france", "app", "appli", "application", "refonte", "lot", "jalon", "phase",
  "mise", "production", "validees", "validee", "valide", "livraison", "recette", "maquettes", "version", "formation", "session",
  "oeuvre", "gros", "second", "travaux", "nouveau", "nouvelle", "cabinet", "agence", "studio", "digital", "tech",
]);

const significant = (tokens: readonly string[]) => tokens.filter((t) => !STOPWORDS.has(t));

/** Similarity of a name's word to a word of the text: 1 exact, less per typo, 0.9 for a 4+ letter abbreviation. */
export function wordSimilarity(nameWord: string, textWord: string): number {
  if (nameWord === textWord) return 1;
  if (textWord.length >= 4 && nameWord.startsWith(textWord) && !/^\d+$/.test(textWord)) return 0.9;
  const budget = nameWord.length >= 9 ? 2 : nameWord.length >= 4 ? 1 : 0;
  if (budget === 0 || Math.abs(nameWord.length - textWord.length) > budget) return 0;
  // A typo rarely hits the first letter of a short word; "signe" is not a misspelt "ligne".
  if (nameWord.length < 7 && nameWord[0] !== textWord[0]) return 0;
  const d = typoDistance(nameWord, textWord);
  return d <= budget ? 1 - d / Math.max(nameWord.length, textWord.length) : 0;
}

interface NameMatch {
  readonly score: number;
  /** The words of the text that matched a non-generic word of the name. */
  readonly usedWords: readonly string[];
  /** The whole name is written out in the text. */
  readonly whole: boolean;
}

function matchName(text: string, name: string): NameMatch {
  const textTokens = tokenize(text);
  const nameTokens = significant(tokenize(name));
  if (nameTokens.length === 0) return { score: 0, usedWords: [], whole: false };
  const textJoined = ` ${textTokens.join(" ")} `;
  const whole = textJoined.includes(` ${tokenize(name).join(" ")} `);
  let total = 0;
  let found = 0;
  const usedWords: string[] = [];
  for (const word of nameTokens) {
    const weight = GENERIC.has(word) ? 0.5 : 1;
    let sim = 0;
    let used = "";
    for (const t of textTokens) {
      const s = wordSimilarity(word, t);
      if (s > sim) [sim, used] = [s, t];
    }
    total += weight;
    found += weight * sim;
    if (sim > 0 && weight === 1) usedWords.push(used);
  }
  const coverage = found / total;
  const score = whole ? 1 : usedWords.length > 0 ? 0.6 + 0.4 * coverage : coverage;
  return { score, usedWords: usedWords.sort(), whole };
}

/**
 * How strongly `text` mentions `name`, 0–1: the weighted share of the name's words found in the
 * text (accents, case and small typos forgiven; generic words weigh half). A name counts as
 * identified only when one of its non-generic words is found; the whole name written out scores 1.
 */
export function nameScore(text: string, name: string): number {
  return matchName(text, name).score;
}

/**
 * The catalog entry `text` refers to. Undefined when nothing scores at least `MATCH_THRESHOLD`.
 * "ambiguous", with the close candidates best first, when another candidate scores within
 * `AMBIGUITY_MARGIN` of the best or was recognised by exactly the same words of the text
 * ("Martin" for "Boulangerie Martin" and "Martin Conseil"): the caller asks rather than guesses.
 */
export function matchEntity(text: string, entries: readonly CatalogEntry[]): EntityRef | undefined {
  const scored = entries
    .map((entry) => {
      const m = matchName(text, entry.name);
      return { candidate: { name: entry.name, ...(entry.id === undefined ? {} : { id: entry.id }), score: round3(m.score) }, key: m.usedWords.join(" "), whole: m.whole };
    })
    .filter((c) => c.candidate.score >= MATCH_THRESHOLD)
    .sort((a, b) => b.candidate.score - a.candidate.score || a.candidate.name.localeCompare(b.candidate.name));
  const [first] = scored;
  if (!first) return undefined;
  // A name written out in full beats names only recognised by some of their words.
  const wholeNames = scored.filter((c) => c.whole);
  if (wholeNames.length === 1 && wholeNames[0] === first) return { status: "matched", ...first.candidate };
  const close = scored.filter((c) => first.candidate.score - c.candidate.score < AMBIGUITY_MARGIN || (first.key !== "" && c.key === first.key));
  if (close.length > 1) return { status: "ambiguous", candidates: close.map((c) => c.candidate) };
  return { status: "matched", ...first.candidate };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
