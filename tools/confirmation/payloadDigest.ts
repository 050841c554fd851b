import { createHash } from "node:crypto";
import stableStringify from "fast-json-stable-stringify";

/**
 * The digest a confirmation is bound to: SHA-256 of the canonical JSON (keys sorted) of the
 * action kind and its exact payload. Any change to an amount, a line, the client or the
 * invoice gives another digest, so a confirmation never applies to a payload nobody saw.
 */
export function payloadDigest(kind: string, payload: unknown): string {
  return createHash("sha256").update(stableStringify({ kind, payload })).digest("hex");
}
