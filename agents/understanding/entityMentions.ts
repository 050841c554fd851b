import { catalogEntries, type Catalog, type EntityKind } from "./catalog.js";
import { foldSameLength } from "./normalizeText.js";
import type { TextSpan } from "./textSpan.js";
import { wordSimilarity } from "./entityMatch.js";

/** A name of the database mentioned in a request, where it is written, and how surely. */
export interface EntityMention extends TextSpan {
  readonly kind: EntityKind;
  readonly name: string;
  readonly id?: string;
  readonly score: number;
  /** Other names of the same kind recognised by exactly the same words ("Martin": two shops). */
  readonly alternatives: readonly string[];
  /** Names of other kinds written with exactly the same words (« Dupont »: a client and a beneficiary). */
  readonly sameWords: readonly Omit<EntityMention, "sameWords">[];
}

interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

const STOPWORDS = new Set(["de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "sur", "pour", "the", "of"]);
/** Words that name a kind of thing rather than one thing: they weigh half and never identify a name alone. */
const GENERIC = new Set([
  "projet", "site", "client", "societe", "groupe", "sas", "sarl", "sa", "eurl", "conseil", "conseils", "mobile", "industries",
  "industrie", "services", "service", "solutions", "france", "app", "appli", "application", "refonte", "lot", "jalon", "phase",
  "travaux", "nouveau", "nouvelle", "cabinet", "agence", "studio", "digital", "tech", "sci", "maison", "forfait", "maintenance",
  "devis", "signer", "assistance", "technique", "prestations", "ponctuelles", "avocats", "logistique", "transports", "clinique",
  "parc", "boulangerie", "residence", "bilan", "competences", "oeuvre", "maitrise", "plateforme", "ligne", "vitrine", "boutique",
  "hebergement", "regie",
]);
/** Milestones and lots are named with ordinary words: only these few are generic there. */
const GENERIC_IN_EVENTS = new Set(["situation", "livraison", "mise", "intervention", "recettee", "validee", "validees", "terminee", "termine"]);
const isGeneric = (kind: EntityKind, word: string) => (kind === "milestone" || kind === "lot" ? GENERIC_IN_EVENTS.has(word) : GENERIC.has(word));
/** Words before a name that say which kind it is. */
const PROJECT_HINT = new Set(["projet", "chantier", "jalon", "programme"]);
const CLIENT_HINT = new Set(["client", "cliente", "societe", "chez"]);

function tokens(text: string): Token[] {
  const folded = foldSameLength(text).replace(/œ/g, "o").replace(/æ/g, "a");
  const out: Token[] = [];
  for (const m of folded.matchAll(/[a-z0-9]+/g)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

const words = (name: string) =>
  foldSameLength(name)
    .replace(/œ/g, "oe")
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "" && !STOPWORDS.has(w));

interface Scored {
  readonly score: number;
  readonly used: readonly number[];
  readonly key: string;
}

function score(textTokens: readonly Token[], name: string, kind: EntityKind): Scored | undefined {
  const nameWords = words(name);
  if (nameWords.length === 0) return undefined;
  let total = 0, found = 0;
  const used: number[] = [];
  let identifying = false;
  for (const word of nameWords) {
    const generic = isGeneric(kind, word);
    const weight = generic ? 0.5 : 1;
    let best = 0, at = -1;
    textTokens.forEach((t, i) => {
      if (STOPWORDS.has(t.word)) return;
      const s = wordSimilarity(word, t.word);
      if (s > best) [best, at] = [s, i];
    });
    total += weight;
    if (best > 0 && at >= 0) {
      found += weight * best;
      used.push(at);
      if (!generic) identifying = true;
    }
  }
  if (!identifying && used.length < nameWords.length) return undefined;
  // the words found must sit together (a name is written in one place)
  const sorted = [...new Set(used)].sort((a, b) => a - b);
  const first = sorted[0] ?? 0, last = sorted.at(-1) ?? 0;
  if (last - first > nameWords.length + (kind === "milestone" ? 5 : 2)) return undefined;
  const coverage = found / total;
  return { score: 0.6 + 0.4 * coverage, used: sorted, key: sorted.join(",") };
}

/** Below this, a name is not taken as mentioned. */
export const MENTION_THRESHOLD = 0.75;

/**
 * Every catalog name mentioned in `text`, with its span. Two mentions never share a word: the
 * longer (then the surer) wins, and on a tie a client wins over its project ("Acme" is the client
 * Acme Industries, not « Refonte du site Acme »); a project then a client within one name
 * (« Nexa régie ») is the project.
 */
export function findEntityMentions(text: string, catalog: Catalog): EntityMention[] {
  const textTokens = tokens(text);
  type Candidate = Omit<EntityMention, "sameWords"> & { used: readonly number[]; key: string };
  const candidates: Candidate[] = [];
  for (const kind of ["client", "project", "milestone", "lot", "beneficiary"] as const) {
    const byKey = new Map<string, { name: string; id?: string; s: Scored }[]>();
    for (const entry of catalogEntries(catalog, kind)) {
      const s = score(textTokens, entry.name, kind);
      if (s === undefined || s.score < MENTION_THRESHOLD) continue;
      const list = byKey.get(s.key) ?? [];
      if (!list.some((l) => l.name === entry.name)) list.push({ name: entry.name, ...(entry.id === undefined ? {} : { id: entry.id }), s });
      byKey.set(s.key, list);
    }
    for (const [key, list] of byKey) {
      list.sort((a, b) => b.s.score - a.s.score || a.name.localeCompare(b.name));
      const best = list[0];
      if (best === undefined) continue;
      const tied = list.filter((l) => best.s.score - l.s.score < 0.05).map((l) => l.name);
      const start = textTokens[best.s.used[0] ?? 0]?.start ?? 0;
      const end = textTokens[best.s.used.at(-1) ?? 0]?.end ?? 0;
      candidates.push({ kind, name: best.name, ...(best.id === undefined ? {} : { id: best.id }), score: best.s.score, alternatives: tied.filter((n) => n !== best.name), start, end, raw: text.slice(start, end), used: best.s.used, key });
    }
  }
  const priority = (c: Candidate): number => {
    let at = (c.used[0] ?? 0) - 1;
    while (at >= 0 && STOPWORDS.has(textTokens[at]?.word ?? "")) at--;
    const before = textTokens[at]?.word ?? "";
    if (c.kind === "project" && PROJECT_HINT.has(before)) return -1;
    if (c.kind === "client" && CLIENT_HINT.has(before)) return -1;
    return { client: 0, beneficiary: 1, project: 2, lot: 3, milestone: 4 }[c.kind];
  };
  const hinted = (c: Candidate) => (priority(c) < 0 ? 0 : 1);
  candidates.sort((a, b) => b.used.length - a.used.length || hinted(a) - hinted(b) || (Math.abs(b.score - a.score) < 0.05 ? priority(a) - priority(b) : b.score - a.score));
  const taken = new Set<number>();
  const accepted: EntityMention[] = [];
  const plain = ({ used: _used, key: _key, ...mention }: Candidate): Omit<EntityMention, "sameWords"> => mention;
  for (const c of candidates) {
    if (c.used.some((i) => taken.has(i))) continue;
    c.used.forEach((i) => taken.add(i));
    const sameWords = candidates.filter((o) => o !== c && o.key === c.key && o.kind !== c.kind).map(plain);
    accepted.push({ ...plain(c), sameWords });
  }
  return accepted.sort((a, b) => a.start - b.start);
}
