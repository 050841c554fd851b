import { basename, extname } from "node:path";
import { asc } from "drizzle-orm";
import { InputError, NotFoundError } from "../../engine/errors.js";
import { projects } from "../schema/projects.js";
import type { Database } from "../database.js";
import { importData, type ImportResult } from "./importData.js";
import { parseJsonInput, readInputText } from "./inputFile.js";
import { parseTimeEntriesCsv } from "./timeEntriesCsv.js";

export interface ImportFromPathOptions {
  /** CSV only: the project the lines belong to when the file has no `projet` column. */
  readonly project?: string | undefined;
  readonly actor?: string | undefined;
}

/** `--project` must name a project of the database (a CSV of time entries defines none), whether or not the file has a `projet` column. */
async function checkProjectRef(db: Database, ref: string): Promise<void> {
  const known = (await db.select({ ref: projects.ref }).from(projects).orderBy(asc(projects.ref))).map((p) => p.ref);
  if (known.includes(ref)) return;
  const hint = known.length === 0 ? "la base n'a encore aucun projet : importez d'abord le fichier JSON des projets" : `projets connus : ${known.slice(0, 8).join(", ")}${known.length > 8 ? ", …" : ""}`;
  throw new NotFoundError(`projet « ${ref} » introuvable ; indiquez la référence d'un projet existant (${hint})`, { field: "--project" });
}

/**
 * Imports a file: `.csv` (time entries, see timeEntriesCsv.ts) or JSON (`facturation-import/1`).
 * Errors name the file: `temps.csv ligne 14, colonne quantite : …`, or the JSON record and field.
 */
export async function importFromPath(db: Database, path: string, options: ImportFromPathOptions = {}): Promise<ImportResult> {
  const text = await readInputText(path);
  const name = basename(path);
  if (extname(path).toLowerCase() === ".csv") {
    if (options.project !== undefined) await checkProjectRef(db, options.project);
    const csv = parseTimeEntriesCsv(text, name, { project: options.project });
    return importData(db, csv.file, { actor: options.actor, source: name, describeField: csv.describeField });
  }
  if (options.project !== undefined) throw new InputError("--project ne s'applique qu'à un fichier CSV de temps", { field: "--project" });
  return importData(db, parseJsonInput(text, name), { actor: options.actor, source: name });
}
