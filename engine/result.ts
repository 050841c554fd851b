import type { BillingError } from "./errors.js";

/** Expected outcome of an engine operation, shaped like zod's `safeParse`. */
export type Result<T, E extends BillingError = BillingError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E extends BillingError>(error: E): Result<never, E> => ({ ok: false, error });

/** Returns the value or throws the typed error (for the imperative shell). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}
