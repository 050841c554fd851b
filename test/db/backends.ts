import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../db/connection.js";
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
 * `fresh()` gives a migrated, empty database: on PGlite an in-memory copy of a migrated snapshot,
 * on PostgreSQL a new database created from the migrated template (the server is started by
 * test/db/globalSetup.ts when PostgreSQL's binaries are on the machine).
 */
export interface TestBackend {
  readonly name: "pglite" | "postgres";
  fresh(options?: { maxConnections?: number }): Promise<OpenedDatabase & { readonly url?: string }>;
}

let pgliteSnapshot: Promise<Blob> | undefined;

async function freshPglite(): Promise<OpenedDatabase> {
  pgliteSnapshot ??= (async () => {
    const base = await openDatabase({ memory: true });
    try {
      if (!base.snapshot) throw new Error("PGlite snapshot unavailable");
      return await base.snapshot();
    } finally {
      await base.close();
    }
  })();
  return openDatabase({ snapshot: await pgliteSnapshot });
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
