import type { z } from "zod";
import { InputError } from "../../engine/errors.js";

/** "seller.addressLines[1]" from a zod issue path. */
export function issuePath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Validates `value` with `schema`; the first problem becomes a French InputError naming the field. */
export function parseMailInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? issuePath(issue.path, prefix) : prefix;
  throw new InputError(issue?.message ?? "valeur invalide", field === "" ? {} : { field });
}
