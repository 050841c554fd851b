/**
 * Build step (`npm run build`, run by `prepare` on install): expands the corpus templates, trains
 * the intent classifier on the training split and writes it to agents/understanding/model/intentModel.json,
 * which the package ships (tsc copies the imported JSON into dist). Deterministic, offline, a few seconds.
 *
 *   npm run train   (or, compiled: node dist/agents/understanding/classifier/buildIntentModel.js)
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { corpusDir, expandCorpus, isHeldOut, readTemplates } from "../corpus/expandTemplates.js";
import { corpusCatalog } from "../corpus/corpusCatalog.js";
import { readSlots } from "../slotReading.js";
import { toModelFile } from "./modelFile.js";
import { trainLinearModel, type TrainingExample } from "./trainLinearModel.js";

export const CORPUS_TODAY = "2026-11-25";
export const EXPANSIONS_PER_TEMPLATE = 8;

/** The training split as the classifier sees it: names and numbers masked by the slot layer. */
export function trainingExamples(heldOut: boolean): TrainingExample[] {
  const catalog = corpusCatalog();
  const templates = readTemplates().filter((t) => isHeldOut(t) === heldOut);
  return expandCorpus(templates, EXPANSIONS_PER_TEMPLATE, heldOut ? 7 : 1).map((e) => ({ text: readSlots(e.text, CORPUS_TODAY, catalog).masked, label: e.intent }));
}

function main(): void {
  const started = Date.now();
  const examples = trainingExamples(false);
  const calibration = examples.filter((_, i) => i % 10 === 0);
  const model = trainLinearModel(
    examples.filter((_, i) => i % 10 !== 0),
    { calibration },
  );
  const digest = createHash("sha256").update(examples.map((e) => `${e.label}\t${e.text}`).join("\n")).digest("hex").slice(0, 16);
  const json = JSON.stringify(toModelFile(model, { examples: examples.length, corpusDigest: digest }));
  // beside the sources (tests, tsx) and beside the compiled modules (the package)
  const root = new URL("../../../", corpusDir());
  for (const target of [new URL("agents/understanding/model/", root), new URL("dist/agents/understanding/model/", root)]) {
    mkdirSync(target, { recursive: true });
    writeFileSync(new URL("intentModel.json", target), json);
  }
  console.log(`intent model: ${examples.length} examples, ${model.classes.length} classes, ${model.features.size} features, temperature ${model.temperature.toFixed(2)}, ${Date.now() - started} ms`);
}

if (/buildIntentModel\.[jt]s$/.test(process.argv[1] ?? "")) main();
