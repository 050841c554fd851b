import type { z } from "zod";
import { InputError } from "../errors.js";

/** `["schedule", 1, "bill", "percent"]` → `schedule[1].bill.percent`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    const name = String(key);
    return acc === "" ? name : `${acc}.${name}`;
  }, "");
}

const TYPE_NAMES: Record<string, string> = {
  string: "un texte",
  number: "un nombre",
  int: "un nombre entier",
  boolean: "true ou false",
  object: "un objet",
  array: "une liste",
};

const quoteAll = (values: readonly unknown[]) => values.map((v) => `« ${String(v)} »`).join(", ");

/** French wording for the zod issues that carry no message of their own. */
export const frenchIssueMessage = (issue: z.core.$ZodRawIssue): string => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "est obligatoire" : `doit être ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `doit valoir ${quoteAll(issue.values)}`;
    case "invalid_union":
      return "valeur invalide";
    case "too_small":
      return issue.origin === "array" ? `doit contenir au moins ${String(issue.minimum)} élément(s)` : `doit être au moins ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "array" ? `doit contenir au plus ${String(issue.maximum)} élément(s)` : `doit être au plus ${String(issue.maximum)}`;
    case "invalid_format":
      return "format invalide";
    case "unrecognized_keys":
      return `membre(s) inconnu(s) : ${issue.keys.join(", ")}`;
    default:
      return "valeur invalide";
  }
};

/** The first issue of a failed parse, as a French InputError naming the field (`a[1].b.c : message`). */
export function inputErrorFromZod(error: z.ZodError, fallbackField?: string): InputError {
  const issue = error.issues[0];
  if (issue === undefined) return new InputError("données invalides", fallbackField ? { field: fallbackField } : {});
  const field = formatFieldPath(issue.path) || fallbackField;
  return new InputError(issue.message, { ...(field ? { field } : {}), code: "invalid_input", cause: error });
}
