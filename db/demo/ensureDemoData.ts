import { sql } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { RuleError } from "../../engine/errors.js";
import { type Database, rowsOf } from "../database.js";
import { importData, type ImportResult } from "../import/importData.js";
import { demoImportFile } from "./demoImportFile.js";

/** True when the database holds no business data (no seller settings, client, project or invoice). */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = rowsOf<{ used: boolean }>(
    await db.execute(
      sql`select exists(select 1 from seller_settings) or exists(select 1 from clients) or exists(select 1 from projects) or exists(select 1 from invoices) as used`,
    ),
  );
  return row?.used === false;
}

/**
 * Loads the demo company for `today` through the import path (one transaction). Refuses a database
 * that already holds data: the demo is for an empty data folder (`facturation demo --reset`).
 */
export async function loadDemoData(db: Database, today: IsoDate): Promise<ImportResult> {
  if (!(await isDatabaseEmpty(db))) {
    throw new RuleError("la base contient déjà des données : la démonstration se charge dans un dossier de données vide (facturation demo --reset efface le dossier et recharge la démo)", {
      code: "database_not_empty",
    });
  }
  return importDemo(db, today);
}

/** The demo company for `today`, through the import path (one transaction, imports taking turns). */
function importDemo(db: Database, today: IsoDate): Promise<ImportResult> {
  return importData(db, demoImportFile(today), { actor: "demo", source: "démonstration" });
}

/**
 * Loads the demo when the database is empty (a fresh data folder at `npm start`); true when it did.
 * Two instances starting together on one empty server load it once: imports take turns, and the
 * second finds the demo already there (false).
 */
export async function ensureDemoData(db: Database, today: IsoDate): Promise<boolean> {
  if (!(await isDatabaseEmpty(db))) return false;
  // Straight to the import (not loadDemoData's emptiness check): the other instance may commit the demo
  // between the check above and the import, which then changes nothing.
  return (await importDemo(db, today)).changed;
}
