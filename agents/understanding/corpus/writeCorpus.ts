/**
 * Expands the templates into the labelled corpus (generated/train.jsonl, generated/heldout.jsonl):
 * `npx tsx agents/understanding/corpus/writeCorpus.ts`. Deterministic; one template in five is held out.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { expandCorpus, isHeldOut, readTemplates } from "./expandTemplates.js";

export const EXPANSIONS_PER_TEMPLATE = 8;

const templates = readTemplates();
const dir = new URL("generated/", import.meta.url);
mkdirSync(dir, { recursive: true });
const lines = (held: boolean) =>
  expandCorpus(templates.filter((t) => isHeldOut(t) === held), EXPANSIONS_PER_TEMPLATE, held ? 7 : 1)
    .map((e) => JSON.stringify(e))
    .join("\n");
writeFileSync(new URL("train.jsonl", dir), `${lines(false)}\n`);
writeFileSync(new URL("heldout.jsonl", dir), `${lines(true)}\n`);
console.log(`${templates.length} templates, ${templates.filter(isHeldOut).length} held out`);
