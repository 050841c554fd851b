import type { Database } from "../database.js";

export const IMPORT_KINDS = ["seller", "clients", "projects", "contracts", "events", "invoices", "payments", "reminders"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What an import did, per kind of record: created (or updated, for the seller settings) and unchanged. */
export type ImportCounts = Record<ImportKind, { created: number; unchanged: number }>;

export function emptyCounts(): ImportCounts {
  return Object.fromEntries(IMPORT_KINDS.map((k) => [k, { created: 0, unchanged: 0 }])) as ImportCounts;
}

/** True when the import wrote nothing (a second import of the same file). */
export function nothingCreated(counts: ImportCounts): boolean {
  return IMPORT_KINDS.every((k) => counts[k].created === 0);
}

/** State shared by the steps of one import transaction. */
export interface ImportContext {
  readonly tx: Database;
  /** Who imports (recorded on rows and in the audit log). */
  readonly actor: string;
  readonly counts: ImportCounts;
}
