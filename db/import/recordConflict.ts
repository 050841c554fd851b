import { RuleError } from "../../engine/errors.js";
import { canonicalJson } from "../canonicalDigest.js";
import { joinField } from "./fieldPath.js";

/** A value as compared: undefined and null are the same (absent), everything else by canonical JSON. */
const comparable = (value: unknown) => (value === undefined || value === null ? "null" : canonicalJson(value));

const shown = (value: unknown) => (value === undefined || value === null ? "(vide)" : typeof value === "string" ? `« ${value} »` : canonicalJson(value));

/**
 * Re-importing a record that already exists is a no-op when it is identical; a record with the same
 * key and other values is refused, naming the record and the first differing field:
 * `clients[2].siren : le client « acme » existe déjà avec une autre valeur (« 552100554 » en base, « 732829320 » dans le fichier)`.
 */
export function assertSameRecord(
  field: string,
  what: string,
  fromFile: Readonly<Record<string, unknown>>,
  stored: Readonly<Record<string, unknown>>,
): void {
  for (const key of Object.keys(fromFile)) {
    if (comparable(fromFile[key]) !== comparable(stored[key])) {
      throw new RuleError(`${what} existe déjà avec une autre valeur (${shown(stored[key])} en base, ${shown(fromFile[key])} dans le fichier)`, {
        field: joinField(field, key),
        code: "import_conflict",
      });
    }
  }
}
