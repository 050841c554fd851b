import { isBillingError } from "../../engine/errors.js";

/**
 * Runs `work`; a BillingError it throws is re-thrown naming `prefix.field` (or `prefix` when it named
 * no field), so a repository's `lines[0].net` becomes `history.invoices[3].lines[0].net`.
 */
export async function underField<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isBillingError(error)) throw error;
    throw error.withField(error.field ? joinField(prefix, error.field) : prefix);
  }
}

/** `a[1]` + `b.c` → `a[1].b.c`; `a` + `[2].b` → `a[2].b`. */
export function joinField(prefix: string, field: string): string {
  if (prefix === "") return field;
  return field.startsWith("[") ? `${prefix}${field}` : `${prefix}.${field}`;
}
