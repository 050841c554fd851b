import { sql } from "drizzle-orm";
import { InputError, isBillingError } from "../../engine/errors.js";
import { frenchIssueMessage, inputErrorFromZod } from "../../engine/scenario/inputErrorFromZod.js";
import { appendAudit } from "../audit/appendAudit.js";
import { canonicalJson, sha256Hex } from "../canonicalDigest.js";
import type { Database } from "../database.js";
import { withDatabaseErrors } from "../postgresError.js";
import { advanceNumbering } from "./advanceNumbering.js";

import { emptyCounts, type ImportContext, type ImportCounts, nothingCreated } from "./importContext.js";
import { importClients } from "./importClients.js";
import { importEvents } from "./importEvents.js";
import { IMPORT_FORMAT, type ImportFile, ImportFileSchema } from "./importFormat.js";
import { importHistoryInvoices } from "./importHistoryInvoices.js";
import { importPayments } from "./importPayments.js";
import { contractRefOf, importProjects } from "./importProjects.js";
import { importReminders } from "./importReminders.js";
import { importSeller } from "./importSeller.js";

export interface ImportOptions {
  /** Who imports (default "import"). */
  readonly actor?: string | undefined;
  /** Where the data comes from, for the audit log (a file name). */
  readonly source?: string | undefined;
  /** Renames the field an error names (e.g. `events[13].quantity` → `temps.csv ligne 15, colonne quantite`). */
  readonly describeField?: ((field: string) => string) | undefined;
}

export interface ImportResult {
  readonly counts: ImportCounts;
  /** False when the data was already there (nothing written). */
  readonly changed: boolean;
}

/** Validates a parsed JSON value as an import file; throws a French InputError naming the field. */
export function parseImportFile(json: unknown): ImportFile {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new InputError("le fichier d'import doit être un objet JSON", { field: "import" });
  if ((json as { format?: unknown }).format !== IMPORT_FORMAT) throw new InputError(`doit valoir « ${IMPORT_FORMAT} »`, { field: "format" });
  const parsed = ImportFileSchema.safeParse(json, { error: frenchIssueMessage });
  if (!parsed.success) throw inputErrorFromZod(parsed.error, "import");
  checkDuplicateKeys(parsed.data);
  return parsed.data;
}

/** The same key twice in one file is refused, naming the second record. */
function checkDuplicateKeys(file: ImportFile): void {
  const once = (keys: readonly (string | undefined)[], field: (i: number) => string, what: string) => {
    const seen = new Set<string>();
    keys.forEach((k, i) => {
      if (k === undefined) return;
      if (seen.has(k)) throw new InputError(`${what} « ${k} » en double dans le fichier`, { field: field(i), code: "duplicate_key" });
      seen.add(k);
    });
  };
  once(file.clients.map((c) => c.ref), (i) => `clients[${i}].ref`, "référence client");
  once(file.projects.map((p) => p.ref), (i) => `projects[${i}].ref`, "référence projet");
  const contractRefs = file.projects.flatMap((p, i) => p.contracts.map((_, j) => ({ ref: contractRefOf(p, j), field: `projects[${i}].contracts[${j}].ref` })));
  once(contractRefs.map((c) => c.ref), (i) => contractRefs[i]?.field ?? "projects", "référence contrat");
  once(file.events.map((e) => e.ref), (i) => `events[${i}].ref`, "référence événement");
  once(file.history.invoices.map((inv) => inv.number), (i) => `history.invoices[${i}].number`, "numéro de facture");
  once(file.history.payments.map((p) => p.ref), (i) => `history.payments[${i}].ref`, "référence règlement");
}

/** The advisory lock key that serialises imports (any constant unused by other locks). */
const IMPORT_LOCK_KEY = 4_242_002;

/**
 * Imports a file (`facturation-import/1`, already parsed from JSON) in ONE transaction: all or
 * nothing. Order: seller, clients, projects and contracts, issued invoices, events, payments,
 * reminders, then the numbering series are moved past the imported numbers. Re-importing the same
 * file changes nothing; a record whose key exists with other values is refused, naming it.
 * Refusals are French BillingErrors naming the record and field (`clients[2].siren : …`).
 */
export async function importData(db: Database, json: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const describe = options.describeField ?? ((f: string) => f);
  try {
    const file = parseImportFile(json);
    return await withDatabaseErrors(() =>
      db.transaction(async (tx) => {
        // One import at a time on a ledger: two instances importing the same file together (two
        // `npm start` on one empty server load the demo) — the second waits, then sees the first's
        // rows and changes nothing (read committed, whatever the server's default: each statement
        // after the lock sees what the import before this one committed).
        await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
        const ctx: ImportContext = { tx, actor: options.actor ?? "import", counts: emptyCounts() };
        if (file.seller) await importSeller(ctx, file.seller);
        await importClients(ctx, file.clients);
        await importProjects(ctx, file.projects);
        const numbers = await importHistoryInvoices(ctx, file.history.invoices);
        await importEvents(ctx, file.events);
        await importPayments(ctx, file.history.payments);
        await importReminders(ctx, file.history.reminders);
        await advanceNumbering(ctx, numbers);
        const changed = !nothingCreated(ctx.counts);
        if (changed) {
          await appendAudit(tx, {
            actor: ctx.actor,
            channel: "import",
            action: "data_imported",
            subjectType: "import",
            subjectId: options.source,
            payloadDigest: sha256Hex(canonicalJson(json)),
            details: { counts: ctx.counts },
          });
        }
        return { counts: ctx.counts, changed };
      }, { isolationLevel: "read committed" }),
    );
  } catch (error) {
    if (isBillingError(error) && error.field) throw error.withField(describe(error.field));
    throw error;
  }
}
