import type { IncomingMessage } from "node:http";
import { InputError } from "../../engine/errors.js";

/** The workspace's forms are a few short fields: anything larger is refused before it is read whole. */
export const MAX_FORM_BYTES = 16 * 1024;

/** Reads an `application/x-www-form-urlencoded` body (refused: another type, more than MAX_FORM_BYTES). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new InputError("formulaire attendu (application/x-www-form-urlencoded)", { field: "content-type", code: "form_expected" });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new InputError(`formulaire trop long (plus de ${MAX_FORM_BYTES} octets)`, { field: "body", code: "form_too_large" });
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
