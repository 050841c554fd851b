import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { inject } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type OpenedDatabase } from "../../db/connection.js";
import { rowsOf } from "../../db/database.js";
import { auditHead, numberingSeries } from "../../db/schema/index.js";
import { TEMPLATE_DATABASE } from "./globalSetup.js";

/**
 * The backends the database suite runs on. Usage in a test file:
 *
 *   describe.each(testBackends())("issueInvoice — $name", (backend) => {
 *     let h: OpenedDatabase;
 *     beforeEach(async () => { h = await backend.fresh(); });
 *     afterEach(async () => { await h.close(); });
 *     it("…", async () => { … h.db … });
 *   });
 *
 * `fresh()` gives a migrated, empty database: on PGlite an in-memory copy of the migrated snapshot made once by globalSetup
 * (reused within a test file after `close()`: emptied with triggers off, seed rows restored),
 * on PostgreSQL a new database created from the migrated template (the server is started by
 * test/db/globalSetup.ts when PostgreSQL's binaries are on the machine).
 */
export interface TestBackend {
  readonly name: "pglite" | "postgres";
  fresh(options?: { maxConnections?: number }): Promise<OpenedDatabase & { readonly url?: string }>;
}

let pgliteSnapshot: Promise<Blob> | undefined;
/** Idle in-memory PGlite databases of this test file, reset and reused (a new one costs seconds). */
const idlePglite: OpenedDatabase[] = [];
let seedRows: { series: unknown[]; head: unknown[] } | undefined;

async function newPglite(): Promise<OpenedDatabase> {
  pgliteSnapshot ??= readFile(inject("facturationPgliteSnapshotPath")).then((bytes) => new Blob([bytes]));
  const opened = await openDatabase({ snapshot: await pgliteSnapshot });
  seedRows ??= {
    series: await opened.db.select().from(numberingSeries),
    head: await opened.db.select().from(auditHead),
  };
  return opened;
}

/** Empties every table (triggers off for the session, as a superuser would) and restores the seed rows. */
async function resetPglite(opened: OpenedDatabase): Promise<void> {
  const tables = rowsOf<{ tablename: string }>(
    await opened.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`),
  ).map((t) => `"${t.tablename}"`);
  await opened.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${tables.join(", ")} restart identity cascade`));
    if (seedRows) {
      await tx.insert(numberingSeries).values(seedRows.series as (typeof numberingSeries.$inferInsert)[]);
      await tx.insert(auditHead).values(seedRows.head as (typeof auditHead.$inferInsert)[]);
    }
  });
}

async function freshPglite(): Promise<OpenedDatabase> {
  const reused = idlePglite.pop();
  const opened = reused ?? (await newPglite());
  if (reused) await resetPglite(opened);
  let returned = false;
  return {
    ...opened,
    close: async () => {
      if (returned) return;
      returned = true;
      idlePglite.push(opened);
    },
  };
}

let admin: postgres.Sql | undefined;

/** Creates an empty migrated database on the throwaway server; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const templateUrl = inject("facturationPgTemplateUrl");
  if (!templateUrl) throw new Error("PostgreSQL absent");
  admin ??= postgres(templateUrl.replace(`/${TEMPLATE_DATABASE}`, "/postgres"), { max: 1, onnotice: () => {} });
  const name = `t_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`);
  return templateUrl.replace(`/${TEMPLATE_DATABASE}`, `/${name}`);
}

export const pgliteBackend: TestBackend = { name: "pglite", fresh: freshPglite };

export const postgresBackend: TestBackend = {
  name: "postgres",
  async fresh(options = {}) {
    const url = await createPostgresDatabase();
    const opened = await openDatabase({ databaseUrl: url, maxConnections: options.maxConnections ?? 4 });
    return Object.assign(opened, { url });
  },
};

/** True when the throwaway PostgreSQL server is running for this test run. */
export function hasPostgres(): boolean {
  return inject("facturationPgTemplateUrl") !== "";
}

/** PGlite always; PostgreSQL too when its binaries are on the machine. */
export function testBackends(): TestBackend[] {
  return hasPostgres() ? [pgliteBackend, postgresBackend] : [pgliteBackend];
}
