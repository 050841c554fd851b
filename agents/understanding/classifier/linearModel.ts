import { requestFeatures } from "./features.js";

/**
 * A multinomial logistic regression over sparse binary features: one weight per (feature, class),
 * a temperature fitted on held-apart data so that the probabilities are calibrated.
 */
export interface LinearModel {
  readonly classes: readonly string[];
  readonly features: ReadonlyMap<string, number>;
  /** Row-major: weights[feature * classes.length + class]. */
  readonly weights: Float32Array;
  readonly temperature: number;
}

export interface ClassScore {
  readonly label: string;
  readonly probability: number;
}

/** Raw scores (logits) of every class for a set of feature indices. */
export function logits(model: Pick<LinearModel, "classes" | "weights">, indices: readonly number[]): Float64Array {
  const k = model.classes.length;
  const z = new Float64Array(k);
  for (const f of indices) {
    const row = f * k;
    for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + (model.weights[row + c] ?? 0);
  }
  return z;
}

export function softmax(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v / temperature);
  const out = new Float64Array(z.length);
  let total = 0;
  z.forEach((v, i) => {
    const e = Math.exp(v / temperature - max);
    out[i] = e;
    total += e;
  });
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / total;
  return out;
}

export function featureIndices(model: Pick<LinearModel, "features">, text: string): number[] {
  const seen = new Set<number>();
  for (const f of requestFeatures(text)) {
    const index = model.features.get(f);
    if (index !== undefined) seen.add(index);
  }
  return [...seen];
}

/** Every class with its calibrated probability, most likely first. */
export function classify(model: LinearModel, text: string): ClassScore[] {
  const p = softmax(logits(model, featureIndices(model, text)), model.temperature);
  return model.classes.map((label, i) => ({ label, probability: p[i] ?? 0 })).sort((a, b) => b.probability - a.probability);
}
