import { basename, extname } from "node:path";
import { InputError } from "../../engine/errors.js";
import type { Database } from "../database.js";
import { importData, type ImportResult } from "./importData.js";
import { parseJsonInput, readInputText } from "./inputFile.js";
import { parseTimeEntriesCsv } from "./timeEntriesCsv.js";

export interface ImportFromPathOptions {
  /** CSV only: the project the lines belong to when the file has no `projet` column. */
  readonly project?: string | undefined;
  readonly actor?: string | undefined;
}

/**
 * Imports a file: `.csv` (time entries, see timeEntriesCsv.ts) or JSON (`facturation-import/1`).
 * Errors name the file: `temps.csv ligne 14, colonne quantite : …`, or the JSON record and field.
 */
export async function importFromPath(db: Database, path: string, options: ImportFromPathOptions = {}): Promise<ImportResult> {
  const text = await readInputText(path);
  const name = basename(path);
  if (extname(path).toLowerCase() === ".csv") {
    const csv = parseTimeEntriesCsv(text, name, { project: options.project });
    return importData(db, csv.file, { actor: options.actor, source: name, describeField: csv.describeField });
  }
  if (options.project !== undefined) throw new InputError("--project ne s'applique qu'à un fichier CSV de temps", { field: "--project" });
  return importData(db, parseJsonInput(text, name), { actor: options.actor, source: name });
}
