import { z } from "zod";
import type { LinearModel } from "./linearModel.js";

/** The model as shipped: JSON, the weights as little-endian float32 in base64 (a few megabytes, parsed in milliseconds). */
export const ModelFileSchema = z
  .object({
    format: z.literal("facturation-intent-linear/1"),
    trainedOn: z.object({ examples: z.number().int(), corpusDigest: z.string() }),
    classes: z.array(z.string()).min(2),
    features: z.array(z.string()),
    temperature: z.number().positive(),
    weights: z.string(),
  })
  .strict();
export type ModelFile = z.infer<typeof ModelFileSchema>;

export function toModelFile(model: LinearModel, trainedOn: ModelFile["trainedOn"]): ModelFile {
  const features = [...model.features.entries()].sort((a, b) => a[1] - b[1]).map(([f]) => f);
  return {
    format: "facturation-intent-linear/1",
    trainedOn,
    classes: [...model.classes],
    features,
    temperature: model.temperature,
    weights: Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).toString("base64"),
  };
}

export function fromModelFile(file: ModelFile): LinearModel {
  const bytes = Buffer.from(file.weights, "base64");
  const weights = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  if (weights.length !== file.features.length * file.classes.length) throw new Error("intent model: weights do not match features × classes");
  return { classes: file.classes, features: new Map(file.features.map((f, i) => [f, i])), weights, temperature: file.temperature };
}
