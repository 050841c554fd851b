import { SystemError } from "../../engine/errors.js";

/**
 * The engine names documents, clients and payments by string keys (scenario and wire ids), the
 * database by integer row ids. These two functions are the one conversion between them.
 */
export function engineId(rowId: number): string {
  return String(rowId);
}

/** The row id behind a key made by `engineId`; anything else is a broken invariant. */
export function rowIdOf(key: string): number {
  const id = Number(key);
  if (!Number.isSafeInteger(id) || id <= 0 || engineId(id) !== key) throw new SystemError(`identifiant interne invalide (${key})`, { code: "engine_id" });
  return id;
}
