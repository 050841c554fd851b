import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/connection.js";
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayServer } from "./postgresServer.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the migrated template database on the throwaway server, "" when PostgreSQL is absent. */
    facturationPgTemplateUrl: string;
    /** A dump of a migrated in-memory PGlite database (tar file), copied by each PGlite test database. */
    facturationPgliteSnapshotPath: string;
  }
}

export const TEMPLATE_DATABASE = "facturation_template";

let server: ThrowawayServer | undefined;
let snapshotDir: string | undefined;

/** Starts a throwaway PostgreSQL server (when its binaries are here) with a migrated template database. */
export async function setup(project: TestProject): Promise<void> {
  snapshotDir = mkdtempSync(join(tmpdir(), "facturation-pglite-"));
  const base = await openDatabase({ memory: true });
  try {
    const snapshot = await base.snapshot?.();
    if (!snapshot) throw new Error("PGlite snapshot unavailable");
    const path = join(snapshotDir, "migrated.tar");
    writeFileSync(path, Buffer.from(await snapshot.arrayBuffer()));
    project.provide("facturationPgliteSnapshotPath", path);
  } finally {
    await base.close();
  }
  const bins = findPostgresBinaries();
  if (!bins || process.env.FACTURATION_TEST_PGLITE_ONLY === "1") {
    process.stdout.write("PostgreSQL absent : suite base de données sur PGlite seulement\n");
    project.provide("facturationPgTemplateUrl", "");
    return;
  }
  server = await startThrowawayPostgres(bins);
  const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const opened = await openDatabase({ databaseUrl: server.url(TEMPLATE_DATABASE), maxConnections: 1 });
  await opened.close();
  process.stdout.write(`PostgreSQL ${server.url("")} : suite base de données sur PGlite et PostgreSQL\n`);
  project.provide("facturationPgTemplateUrl", server.url(TEMPLATE_DATABASE));
}

export async function teardown(): Promise<void> {
  if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
  server?.stop();
  server = undefined;
}
