import { z } from "zod";
import { normalizeText } from "./normalizeText.js";
import vocabularyFile from "./slotVocabulary.json" with { type: "json" };

const VocabularySchema = z
  .object({
    $comment: z.string(),
    status: z.record(z.string(), z.array(z.string())),
    level: z.record(z.string(), z.array(z.string())),
    kind: z.record(z.string(), z.array(z.string())),
    method: z.record(z.string(), z.array(z.string())),
    amountBasis: z.record(z.string(), z.array(z.string())),
    scope: z.record(z.string(), z.array(z.string())),
    bulk: z.record(z.string(), z.array(z.string())),
    answer: z.record(z.string(), z.array(z.string())),
    reason: z.record(z.string(), z.array(z.string())),
    abbreviations: z.record(z.string(), z.string()),
  })
  .strict();
export type VocabularySlot = Exclude<keyof z.infer<typeof VocabularySchema>, "$comment" | "abbreviations">;

/** The phrasing data of the word-valued slots (slotVocabulary.json), read once. */
const VOCABULARY = VocabularySchema.parse(vocabularyFile);

interface Phrase {
  readonly words: string;
  readonly value: string;
}
const PHRASES: Readonly<Record<VocabularySlot, readonly Phrase[]>> = Object.fromEntries(
  (Object.keys(VOCABULARY) as (keyof typeof VOCABULARY)[])
    .filter((k): k is VocabularySlot => k !== "$comment" && k !== "abbreviations")
    .map((slot) => [
      slot,
      Object.entries(VOCABULARY[slot])
        .flatMap(([value, phrases]) => phrases.map((p) => ({ words: normalizeText(p), value })))
        .sort((a, b) => b.words.length - a.words.length),
    ]),
) as unknown as Record<VocabularySlot, readonly Phrase[]>;

/** « fact. » → « facture », « mep » → « mise en production »: on canonical text, word by word. */
export function expandAbbreviations(canonical: string): string {
  return canonical
    .split(" ")
    .map((w) => VOCABULARY.abbreviations[w.replace(/\.$/, "")] ?? w)
    .join(" ");
}

/**
 * The values of a word-valued slot found in canonical text, in reading order: the longest phrase
 * first, each piece of text read once (« partiellement payées » is partly paid, not also paid).
 */
export function vocabularyValues(slot: VocabularySlot, canonical: string): string[] {
  let rest = ` ${canonical} `;
  const found: { at: number; value: string }[] = [];
  for (const phrase of PHRASES[slot]) {
    let at = rest.indexOf(` ${phrase.words} `);
    while (at >= 0) {
      found.push({ at, value: phrase.value });
      rest = rest.slice(0, at + 1) + "#".repeat(phrase.words.length) + rest.slice(at + 1 + phrase.words.length);
      at = rest.indexOf(` ${phrase.words} `);
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.value);
}
