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
 * THE digest a pending action is bound to: sha256 of the canonical JSON (keys sorted) of
 * `{ kind, payload }`. Any change to an amount, a line, a date, the client or the invoice gives
 * another digest, so a confirmation never applies to a payload nobody saw. The confirmation gate,
 * the pending-actions repository and the audit log all use this one formula.
 */
export function actionDigest(kind: string, payload: unknown): string {
  return sha256Hex(canonicalJson({ kind, payload }));
}
