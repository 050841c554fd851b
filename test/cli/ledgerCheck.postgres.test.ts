import { spawnSync } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../db/connection.js";
import { ledgerLines } from "../../db/schema/index.js";
import { createPostgresDatabase, hasPostgres } from "../db/backends.js";
import { issueSimple, seedBasics } from "../db/fixtures.js";

function ledgerCheck(url: string) {
  return spawnSync(process.execPath, ["dist/cli/facturation.js", "ledger", "check"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url },
  });
}

// Runs on the throwaway PostgreSQL server (the CLI opens DATABASE_URL); PGlite data folders are
// covered by the same `checkLedger` in test/db.
describe.runIf(hasPostgres())("facturation ledger check", () => {
  let url: string;
  let h: OpenedDatabase;
  beforeEach(async () => {
    url = await createPostgresDatabase();
    h = await openDatabase({ databaseUrl: url });
    const { client } = await seedBasics(h.db);
    await issueSimple(h.db, client.id, "2026-03-01", "1000.00");
  });
  afterEach(async () => {
    await h.close();
  });

  it("exits 0 and says the journal is intact when it is", () => {
    const run = ledgerCheck(url);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Vérifié : 1 écriture(s), 1 facture(s) émise(s), 0 règlement(s), 1 ligne(s) d'audit.");
    expect(run.stdout).toContain("Journal intègre");
  });

  it("exits 1 and names the tampered entry with expected and found amounts", async () => {
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(ledgerLines).set({ debit: "1300.00" }).where(eq(ledgerLines.account, "411"));
    });
    const run = ledgerCheck(url);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("écriture 1 (« Facture F-2026-00001 — Acme Industrie ») déséquilibrée : débit 1300.00 ≠ crédit 1200.00");
    expect(run.stdout).toContain("facture F-2026-00001 : l'écriture 1 ne correspond pas à la facture");
    expect(run.stdout).toContain("attendu : 411 D 1200.00 C 0.00");
  });
});
