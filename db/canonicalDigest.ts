import { createHash } from "node:crypto";
import stableStringify from "fast-json-stable-stringify";

/** Canonical JSON: object keys sorted, no spaces (amounts are strings, so no float ever appears). */
export function canonicalJson(value: unknown): string {
  return stableStringify(value);
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Digest a pending action is bound to: sha256 of the canonical JSON of `{ kind, payload }`
 * (the same formula as tools/confirmation/payloadDigest.ts).
 */
export function actionDigest(kind: string, payload: unknown): string {
  return sha256Hex(canonicalJson({ kind, payload }));
}
