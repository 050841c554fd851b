import { InputError, NotFoundError, RuleError, isBillingError } from "../engine/errors.js";

/**
 * The one place the CLI turns an error into a French message and an exit code:
 * 2 for bad input or a refused rule (nothing was changed), 1 for anything else.
 * A stack trace is printed only with FACTURATION_DEBUG=1.
 */
export function reportAndExit(error: unknown): never {
  if (isBillingError(error)) {
    process.stderr.write(`${error.message}\n`);
    const usage = error instanceof InputError || error instanceof RuleError || error instanceof NotFoundError;
    process.exit(usage ? 2 : 1);
  }
  process.stderr.write(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.FACTURATION_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
