/**
 * The small typed error family of the billing domain. Every message is French and meant for
 * the user; `code` is for machines; `field` (when set) names the offending input path as data,
 * e.g. `schedule[1].bill.percent`, and `reason` says what is wrong with it. `message` is the
 * form people read (`field : reason`), composed by `errorText` from those two, never parsed back.
 */
export interface BillingErrorOptions {
  readonly field?: string | undefined;
  readonly code?: string | undefined;
  readonly cause?: unknown;
}

/** How an error reads where it is shown: `schedule[1].bill.percent : doit être positif`, or the reason alone. */
export function errorText(reason: string, field: string | undefined): string {
  return field ? `${field} : ${reason}` : reason;
}

type BillingErrorClass = new (reason: string, options: BillingErrorOptions) => BillingError;

export abstract class BillingError extends Error {
  abstract readonly code: string;
  readonly field: string | undefined;
  /** What is wrong, without the field. */
  readonly reason: string;

  constructor(reason: string, options: BillingErrorOptions = {}) {
    super(errorText(reason, options.field), { cause: options.cause });
    this.name = new.target.name;
    this.field = options.field;
    this.reason = reason;
  }

  /**
   * The same error (class, code, reason) naming another field — a caller's own name for the input
   * (`explicit[1].amount` → `allocations[1].amount`); the original is kept as the cause.
   */
  withField(field: string | undefined): BillingError {
    const Same = this.constructor as BillingErrorClass;
    return new Same(this.reason, { field, code: this.code, cause: this.cause ?? this });
  }
}

/** The caller gave bad input (tool arguments, files, CLI flags). Exit code 2 on the CLI. */
export class InputError extends BillingError {
  readonly code: string;
  constructor(reason: string, options: BillingErrorOptions = {}) {
    super(reason, options);
    this.code = options.code ?? "invalid_input";
  }
}

/** A business rule refuses the operation (over-billing, already invoiced, issued invoice is immutable…). */
export class RuleError extends BillingError {
  readonly code: string;
  constructor(reason: string, options: BillingErrorOptions = {}) {
    super(reason, options);
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
  constructor(reason: string, options: BillingErrorOptions = {}) {
    super(reason, options);
    this.code = options.code ?? "system";
  }
}

export function isBillingError(e: unknown): e is BillingError {
  return e instanceof BillingError;
}
