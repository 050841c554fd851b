import { requestFeatures } from "./features.js";
import { featureIndices, logits, softmax, type LinearModel } from "./linearModel.js";

export interface TrainingExample {
  readonly text: string;
  readonly label: string;
}

export interface TrainingOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  /** Features seen fewer times are dropped. */
  readonly minCount?: number;
  /** Examples the temperature is fitted on (never trained on); none: temperature 1. */
  readonly calibration?: readonly TrainingExample[];
  readonly seed?: number;
}

/**
 * Trains the classifier: AdaGrad on the cross-entropy with L2, examples shuffled each epoch by a
 * seeded generator (the same model from the same corpus), then a temperature fitted on the
 * calibration examples by golden-section search on their log-loss.
 */
export function trainLinearModel(examples: readonly TrainingExample[], options: TrainingOptions = {}): LinearModel {
  const { epochs = 12, learningRate = 0.3, l2 = 1e-5, minCount = 2, calibration = [], seed = 13 } = options;
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(requestFeatures(e.text))) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = new Map<string, number>();
  for (const [f, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) if (n >= minCount || f === "<bias>") features.set(f, features.size);
  const k = classes.length;
  const weights = new Float32Array(features.size * k);
  const squares = new Float32Array(features.size * k).fill(1e-8);
  const rows = examples.map((e) => ({ x: featureIndices({ features }, e.text), y: classIndex.get(e.label) ?? 0 }));
  let state = seed >>> 0;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  const model = { classes, weights };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as (typeof rows)[number], rows[i] as (typeof rows)[number]];
    }
    for (const { x, y } of rows) {
      const p = softmax(logits(model, x));
      for (const f of x) {
        const row = f * k;
        for (let c = 0; c < k; c++) {
          const at = row + c;
          const w = weights[at] ?? 0;
          const g = (p[c] ?? 0) - (c === y ? 1 : 0) + l2 * w;
          squares[at] = (squares[at] ?? 0) + g * g;
          weights[at] = w - (learningRate * g) / Math.sqrt(squares[at] ?? 1);
        }
      }
    }
  }
  const temperature = calibration.length === 0 ? 1 : fitTemperature({ classes, features, weights }, calibration, classIndex);
  return { classes, features, weights, temperature };
}

function fitTemperature(model: Omit<LinearModel, "temperature">, examples: readonly TrainingExample[], classIndex: ReadonlyMap<string, number>): number {
  const scored = examples.filter((e) => classIndex.has(e.label)).map((e) => ({ z: logits(model, featureIndices(model, e.text)), y: classIndex.get(e.label) ?? 0 }));
  const loss = (t: number) => scored.reduce((acc, { z, y }) => acc - Math.log(Math.max(1e-12, softmax(z, t)[y] ?? 0)), 0);
  let lo = 0.2, hi = 5;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
    if (loss(a) < loss(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}
