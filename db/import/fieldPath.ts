import { type BillingError, InputError, ModelBehaviourError, NotFoundError, RuleError, SystemError, isBillingError } from "../../engine/errors.js";

/** The message of a BillingError without its `field : ` prefix. */
export function bareMessage(error: BillingError): string {
  return error.field && error.message.startsWith(`${error.field} : `) ? error.message.slice(error.field.length + 3) : error.message;
}

/** The same error (class, code, cause) naming another field. */
export function withField(error: BillingError, field: string): BillingError {
  const message = bareMessage(error);
  const options = { field, cause: error.cause ?? error };
  if (error instanceof InputError) return new InputError(message, { ...options, code: error.code });
  if (error instanceof RuleError) return new RuleError(message, { ...options, code: error.code });
  if (error instanceof NotFoundError) return new NotFoundError(message, options);
  if (error instanceof ModelBehaviourError) return new ModelBehaviourError(message, options);
  if (error instanceof SystemError) return new SystemError(message, { ...options, code: error.code });
  return error;
}

/**
 * Runs `work`; a BillingError it throws is re-thrown naming `prefix.field` (or `prefix` when it named
 * no field), so a repository's `lines[0].net` becomes `history.invoices[3].lines[0].net`.
 */
export async function underField<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isBillingError(error)) throw error;
    throw withField(error, error.field ? joinField(prefix, error.field) : prefix);
  }
}

/** `a[1]` + `b.c` → `a[1].b.c`; `a` + `[2].b` → `a[2].b`. */
export function joinField(prefix: string, field: string): string {
  if (prefix === "") return field;
  return field.startsWith("[") ? `${prefix}${field}` : `${prefix}.${field}`;
}
