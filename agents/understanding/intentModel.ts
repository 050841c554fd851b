import { existsSync, readFileSync } from "node:fs";
import { classify, type ClassScore, type LinearModel } from "./classifier/linearModel.js";
import { fromModelFile, ModelFileSchema } from "./classifier/modelFile.js";

/** Where the build writes the trained model, beside this module (agents/understanding/model/, and the same in dist/). */
export const INTENT_MODEL_URL = new URL("./model/intentModel.json", import.meta.url);

let loaded: LinearModel | undefined;

/**
 * The trained intent classifier shipped with the package (written by `npm run build`, which
 * `npm install` runs), loaded once. In a source checkout where it was never built, it is trained
 * from the corpus once and written (a few seconds); nothing is ever fetched.
 */
export function intentModel(): LinearModel {
  if (loaded !== undefined) return loaded;
  if (!existsSync(INTENT_MODEL_URL)) {
    throw new Error("modèle d'intentions absent : lancez « npm run build » (il est entraîné sur le corpus à la construction)");
  }
  loaded = fromModelFile(ModelFileSchema.parse(JSON.parse(readFileSync(INTENT_MODEL_URL, "utf8"))));
  return loaded;
}

/** The classes of a masked request, most likely first, with calibrated probabilities. */
export function classifyIntent(masked: string): ClassScore[] {
  return classify(intentModel(), masked);
}
