import { z } from "zod";
import { InputError } from "../engine/errors.js";

const frenchLocale = z.locales.fr();

/** French default messages for zod issues that carry no message of their own. */
export const frenchErrorMap = frenchLocale.localeError;

/** `schedule[1].bill.percent` from a zod path (prefixed with `root` when given). */
export function formatIssuePath(path: readonly PropertyKey[], root?: string): string {
  let out = root ?? "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Parses `value` with `schema`; on failure throws one InputError whose French message names
 * every offending field, e.g. `lines[0].net : doit être un nombre décimal…`.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.output<S> {
  const parsed = schema.safeParse(value, { error: frenchErrorMap });
  if (parsed.success) return parsed.data;
  const described = parsed.error.issues.map((issue) => ({ field: formatIssuePath(issue.path, root), message: issue.message }));
  const [first, ...rest] = described;
  const tail = rest.map((d) => (d.field === "" ? d.message : `${d.field} : ${d.message}`));
  const message = [first?.message ?? "arguments invalides", ...tail].join(" ; ");
  throw new InputError(message, { code: "invalid_arguments", cause: parsed.error, ...(first && first.field !== "" ? { field: first.field } : {}) });
}
