import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { intentDefinition, isIntentName, type IntentName } from "../../offline/intents/registry.js";
import { SlotValuesSchema } from "../slotValues.js";

/**
 * The corpus is data: per intent, a file of phrasing templates (templates/<intent>.txt) and the
 * fillers they draw from (fillers.json: names as users write them, with the value the label
 * holds). Expanding them gives labelled requests in the measurement format. Template syntax:
 *
 *   Combien (nous doit|doit encore) {client} [en ce moment] ? || status=overdue
 *
 * `(a|b)` one of, `[x]` optional, `{filler}` or `{filler:slot}` a filler labelled as that slot,
 * after `||` fixed slots (`status=a+b` for a list, `bulk=true`, `overdueDays=60`).
 * A line starting with `>` gives the previous user turn of the next templates (a follow-up).
 */

const Surfaced = <T extends z.ZodType>(value: T) => z.object({ value, surfaces: z.array(z.string()).min(1) });
const FillersSchema = z.object({
  today: z.string(),
  client: z.array(Surfaced(z.string())),
  project: z.array(Surfaced(z.string())),
  milestone: z.array(Surfaced(z.string())),
  lot: z.array(Surfaced(z.string())),
  beneficiary: z.array(Surfaced(z.string())),
  activity: z.array(Surfaced(z.string())),
  method: z.array(Surfaced(z.string())),
  date: z.array(Surfaced(z.string())),
  period: z.array(Surfaced(z.object({ from: z.string(), to: z.string() }))),
  dueperiod: z.array(Surfaced(z.object({ from: z.string(), to: z.string() }))),
  amount: z.array(Surfaced(z.string())),
  percent: z.array(Surfaced(z.string())),
  quantity: z.array(Surfaced(z.object({ quantity: z.string(), unit: z.enum(["day", "hour"]) }))),
  days: z.array(Surfaced(z.number().int())),
  invoice: z.object({ numbers: z.array(z.number().int()) }),
  credit: z.object({ numbers: z.array(z.number().int()) }),
  politeness: z.object({ prefixes: z.array(z.string()), suffixes: z.array(z.string()) }),
});
type Fillers = z.infer<typeof FillersSchema>;

/** The classifier's classes: the catalogue's intents, and a follow-up that inherits the previous turn's. */
export type ClassifierLabel = IntentName | "follow_up";

export interface CorpusExample {
  readonly text: string;
  readonly context?: string[];
  readonly agents: string[];
  readonly intent: ClassifierLabel;
  readonly slots: Record<string, unknown>;
}

export interface Template {
  readonly intent: ClassifierLabel;
  readonly source: string;
  readonly line: number;
  readonly pattern: string;
  readonly fixed: Record<string, unknown>;
  readonly context: string | undefined;
}

/** The corpus's folder in the source tree (also when this module runs compiled, from dist/). */
export function corpusDir(): URL {
  let dir = new URL(".", import.meta.url);
  for (let i = 0; i < 8; i++) {
    const candidate = new URL("agents/understanding/corpus/", dir);
    if (existsSync(new URL("fillers.json", candidate))) return candidate;
    dir = new URL("..", dir);
  }
  throw new Error("corpus introuvable (agents/understanding/corpus/fillers.json)");
}

export function readFillers(): Fillers {
  return FillersSchema.parse(JSON.parse(readFileSync(new URL("fillers.json", corpusDir()), "utf8")));
}

/** Every template of every intent file. */
export function readTemplates(): Template[] {
  const dir = new URL("templates/", corpusDir());
  const out: Template[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
    const name = file.replace(/\.txt$/, "");
    if (!isIntentName(name) && name !== "follow_up") throw new Error(`templates/${file}: no intent named ${name}`);
    let context: string | undefined;
    readFileSync(join(dir.pathname, file), "utf8")
      .split("\n")
      .forEach((raw, index) => {
        const line = raw.trim();
        if (line === "" || line.startsWith("#")) return;
        if (line.startsWith(">")) {
          context = line.slice(1).trim() || undefined;
          return;
        }
        const [pattern = "", fixedText] = line.split("||");
        out.push({ intent: name, source: file, line: index + 1, pattern: pattern.trim(), fixed: parseFixed(fixedText ?? "", `${file}:${index + 1}`), context });
      });
  }
  return out;
}

function parseFixed(text: string, where: string): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const [key = "", value = ""] = part.split("=").map((s) => s.trim());
    if (key === "status") slots[key] = value.split("+");
    else if (key === "bulk") slots[key] = true;
    else if (key === "overdueDays") slots[key] = Number(value);
    else slots[key] = value;
  }
  const parsed = SlotValuesSchema.safeParse(slots);
  if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return slots;
}

/** A small deterministic generator (mulberry32): the same corpus on every build. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

/** One expansion of a pattern: the text and the slots its fillers gave. */
function expandOnce(pattern: string, fillers: Fillers, rand: () => number): { text: string; slots: Record<string, unknown> } {
  const slots: Record<string, unknown> = {};
  const text = expandGroup(pattern, fillers, rand, slots);
  return { text: elide(text.replace(/ +/g, " ").replace(/ ([,.])/g, "$1").trim()), slots };
}

function expandGroup(pattern: string, fillers: Fillers, rand: () => number, slots: Record<string, unknown>): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "(" || ch === "[") {
      const close = matching(pattern, i);
      const inner = pattern.slice(i + 1, close);
      if (ch === "[") {
        if (rand() < 0.5) out += expandGroup(inner, fillers, rand, slots);
      } else {
        out += expandGroup(pick(rand, splitTop(inner)), fillers, rand, slots);
      }
      i = close;
    } else if (ch === "{") {
      const close = pattern.indexOf("}", i);
      const [filler = "", slot] = pattern.slice(i + 1, close).split(":");
      out += fill(filler, slot ?? filler, fillers, rand, slots);
      i = close;
    } else out += ch;
  }
  return out;
}

function matching(pattern: string, open: number): number {
  const pairs: Record<string, string> = { "(": ")", "[": "]" };
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === "(" || pattern[i] === "[") depth++;
    if (pattern[i] === ")" || pattern[i] === "]") depth--;
    if (depth === 0) {
      if (pattern[i] !== pairs[pattern[open] ?? ""]) throw new Error(`unbalanced group in « ${pattern} »`);
      return i;
    }
  }
  throw new Error(`unclosed group in « ${pattern} »`);
}

function splitTop(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of inner) {
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth--;
    if (ch === "|" && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function fill(filler: string, slot: string, fillers: Fillers, rand: () => number, slots: Record<string, unknown>): string {
  const invoiceNumber = (prefix: string, n: number) => {
    const full = `${prefix}-2026-${String(n).padStart(4, "0")}`;
    slots[slot] = full;
    return pick(rand, [full, full, full, `${prefix}-2026-${n}`, full.toLowerCase()]);
  };
  switch (filler) {
    case "invoice":
      return invoiceNumber("F", pick(rand, fillers.invoice.numbers));
    case "invoiceno": {
      const n = pick(rand, fillers.invoice.numbers);
      slots["invoice"] = `F-2026-${String(n).padStart(4, "0")}`;
      return String(n);
    }
    case "credit":
      return invoiceNumber("AV", pick(rand, fillers.credit.numbers));
    case "quantity": {
      const q = pick(rand, fillers.quantity);
      slots["quantity"] = q.value.quantity;
      slots["unit"] = q.value.unit;
      return pick(rand, q.surfaces);
    }
    case "days": {
      const d = pick(rand, fillers.days);
      slots[slot === "days" ? "overdueDays" : slot] = d.value;
      return pick(rand, d.surfaces);
    }
    default: {
      const list = (fillers as unknown as Record<string, { value: unknown; surfaces: string[] }[] | undefined>)[filler];
      if (list === undefined) throw new Error(`unknown filler {${filler}}`);
      const f = pick(rand, list);
      slots[slot === "dueperiod" ? "period" : slot] = f.value;
      return pick(rand, f.surfaces);
    }
  }
}

/** « de Atlas » → « d'Atlas », « le acompte » → « l'acompte »: French elision before a vowel. */
function elide(text: string): string {
  return text.replace(/\b([dD]e|[lL]e|[lL]a|[qQ]ue|[jJ]e) (?=[aeiouyàâéèêëîïôûœAEIOUYÀÂÉÈÊËÎÏÔÛŒh])/g, (m, w: string, offset: number, all: string) => {
    const next = all.slice(offset + m.length);
    if (/^h(?!ébergement|onoraires|eure|ier|élios)/i.test(next) || /^(oui|yaourt)/i.test(next)) return m;
    return `${w.slice(0, 1)}'`;
  });
}

const ACCENTS = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/** A user's noise on a clean phrasing: no accents, lower case, a typo, politeness, abbreviations. */
function noisy(text: string, fillers: Fillers, rand: () => number): string {
  let s = text;
  if (rand() < 0.06) s = s.replace(/\bfactures?\b/i, (w) => (w.endsWith("s") ? "fact." : "fact."));
  if (rand() < 0.25) s = ACCENTS(s);
  if (rand() < 0.25) s = s.toLowerCase();
  if (rand() < 0.12) s = typo(s, rand);
  if (rand() < 0.12) s = pick(rand, fillers.politeness.prefixes) + s.charAt(0).toLowerCase() + s.slice(1);
  if (rand() < 0.12) s = s.replace(/\s*[?.!]?$/, "") + pick(rand, fillers.politeness.suffixes) + (s.trim().endsWith("?") ? " ?" : "");
  if (rand() < 0.15) s = s.replace(/\s*[?.!]$/, "");
  return s;
}

function typo(s: string, rand: () => number): string {
  const words = s.split(" ");
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[\p{L}]{6,}$/u.test(w));
  if (candidates.length === 0) return s;
  const { w, i } = pick(rand, candidates);
  const at = 1 + Math.floor(rand() * (w.length - 2));
  const kind = rand();
  const next = kind < 0.4 ? w.slice(0, at) + (w[at + 1] ?? "") + (w[at] ?? "") + w.slice(at + 2) : kind < 0.7 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + (w[at] ?? "") + w.slice(at);
  words[i] = next;
  return words.join(" ");
}

/** Which split a template belongs to: one in five is held out (never trained on, never tuned on). */
export function isHeldOut(template: Template): boolean {
  let h = 2166136261;
  for (const ch of `${template.intent}:${template.pattern}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h % 5 === 0;
}

/** Expands every template `perTemplate` times (distinct texts), labelled. */
export function expandCorpus(templates: readonly Template[], perTemplate: number, seed: number): CorpusExample[] {
  const fillers = readFillers();
  const rand = seeded(seed);
  const out: CorpusExample[] = [];
  for (const t of templates) {
    const seen = new Set<string>();
    const agents = t.intent === "follow_up" ? [] : [...intentDefinition(t.intent).agents];
    for (let attempt = 0; attempt < perTemplate * 4 && seen.size < perTemplate; attempt++) {
      const { text: clean, slots } = expandOnce(t.pattern, fillers, rand);
      const text = attempt === 0 ? clean : noisy(clean, fillers, rand);
      if (seen.has(text)) continue;
      seen.add(text);
      const all = { ...slots, ...t.fixed };
      out.push({ text, ...(t.context === undefined ? {} : { context: [t.context] }), agents, intent: t.intent, slots: all });
    }
  }
  return out;
}
