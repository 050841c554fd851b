import { NotFoundError, RuleError } from "../engine/errors.js";

/** The PostgreSQL error behind a drizzle / driver error (PGlite and postgres-js both expose `code`). */
export interface PgErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly constraint?: string | undefined;
  readonly hint?: string | undefined;
}

export function pgErrorOf(error: unknown): PgErrorInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const e = current as Error & { code?: unknown; constraint?: string; constraint_name?: string; hint?: string };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, message: e.message, constraint: e.constraint ?? e.constraint_name, hint: e.hint };
    }
    current = e.cause;
  }
  return undefined;
}

/**
 * Turns the database's refusals into the typed French errors of the domain: trigger refusals
 * (issued invoice immutable, append-only tables, unbalanced entry), unique and foreign-key
 * violations. Anything else is re-thrown as is.
 */
export function translateDatabaseError(error: unknown): unknown {
  const pg = pgErrorOf(error);
  if (!pg) return error;
  if (pg.code === "P0001" && pg.hint?.startsWith("facturation:")) {
    return new RuleError(pg.message, { code: pg.hint.slice("facturation:".length), cause: error });
  }
  if (pg.code === "23505") {
    if (pg.constraint === "billed_schedule_items_contract_id_item_index_pk") {
      return new RuleError("cette échéance du contrat a déjà été facturée", { field: "lines.scheduleItemIndex", code: "already_invoiced", cause: error });
    }
    if (pg.constraint === "invoices_idempotency_key_unique") {
      return new RuleError("cette émission a déjà été effectuée (clé d'idempotence déjà utilisée)", { field: "idempotencyKey", code: "already_issued", cause: error });
    }
    if (pg.constraint === "invoices_number_unique") {
      return new RuleError("ce numéro de facture existe déjà", { field: "number", code: "duplicate_number", cause: error });
    }
    return new RuleError(`valeur déjà utilisée (${pg.constraint ?? "contrainte d'unicité"})`, { code: "duplicate", cause: error });
  }
  if (pg.code === "23503") {
    return new NotFoundError(`référence introuvable (${pg.constraint ?? "clé étrangère"})`, { cause: error });
  }
  return error;
}

/** Runs `work` and translates database refusals into domain errors. */
export async function withDatabaseErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
