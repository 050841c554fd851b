/**
 * The small typed error family of the billing domain. Every message is French and meant for
 * the user; `code` is for machines; `field` (when set) names the offending input path,
 * e.g. `schedule[1].bill.percent`.
 */
export abstract class BillingError extends Error {
  abstract readonly code: string;
  readonly field: string | undefined;

  constructor(message: string, options: { field?: string; cause?: unknown } = {}) {
    super(options.field ? `${options.field} : ${message}` : message, { cause: options.cause });
    this.name = new.target.name;
    this.field = options.field;
  }
}

/** The caller gave bad input (tool arguments, files, CLI flags). Exit code 2 on the CLI. */
export class InputError extends BillingError {
  readonly code: string;
  constructor(message: string, options: { field?: string; code?: string; cause?: unknown } = {}) {
    super(message, options);
    this.code = options.code ?? "invalid_input";
  }
}

/** A business rule refuses the operation (over-billing, already invoiced, issued invoice is immutable…). */
export class RuleError extends BillingError {
  readonly code: string;
  constructor(message: string, options: { field?: string; code?: string; cause?: unknown } = {}) {
    super(message, options);
    this.code = options.code ?? "rule_violation";
  }
}

/** Something looked up does not exist (client, project, invoice, pending action…). */
export class NotFoundError extends BillingError {
  readonly code = "not_found";
}

/** A language model asked for something it is not allowed to do (unlisted tool, confirmation attempt…). */
export class ModelBehaviourError extends BillingError {
  readonly code = "model_behaviour";
}

/** An invariant of the system is broken (unbalanced ledger, broken audit chain, I/O failure). */
export class SystemError extends BillingError {
  readonly code: string;
  constructor(message: string, options: { field?: string; code?: string; cause?: unknown } = {}) {
    super(message, options);
    this.code = options.code ?? "system";
  }
}

export function isBillingError(e: unknown): e is BillingError {
  return e instanceof BillingError;
}
