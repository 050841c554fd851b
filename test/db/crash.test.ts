import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../db/connection.js";
import { checkLedger } from "../../db/ledger/checkLedger.js";
import { listInvoices } from "../../db/repositories/invoiceQueries.js";
import { createPostgresDatabase, hasPostgres } from "./backends.js";
import { seedBasics } from "./fixtures.js";

/** Spawns the issuing child, lets it issue at least `atLeast` invoices, then SIGKILLs it. */
async function killMidBatch(target: string, clientId: number, atLeast: number): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/db/crashIssuer.ts", target, String(clientId)], { stdio: ["ignore", "pipe", "pipe"] });
  let printed = 0;
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      printed += chunk.toString().split("\n").filter((l) => l.startsWith("F-")).length;
      if (printed >= atLeast && child.exitCode === null) {
        child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(printed);
      else reject(new Error(`child exited ${code}: ${stderr}`));
    });
  });
}

async function assertCompleteAndGapless(opened: OpenedDatabase, printed: number) {
  const issued = await listInvoices(opened.db, { status: ["issued"] });
  // Every number printed was committed; at most one more may have committed before the kill landed.
  expect(issued.length).toBeGreaterThanOrEqual(printed);
  expect(issued.length).toBeLessThanOrEqual(printed + 1);
  expect(issued.map((i) => i.number).sort()).toEqual(Array.from({ length: issued.length }, (_, i) => `F-2026-${String(i + 1).padStart(5, "0")}`));
  const report = await checkLedger(opened.db);
  expect(report.problems).toEqual([]);
  expect(report.counts.entries).toBe(issued.length);
  expect(report.counts.auditRows).toBe(issued.length);
}

describe("issuing batch killed mid-way", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("leaves every issued invoice complete and the numbers gapless (PGlite data folder)", async () => {
    dir = mkdtempSync(join(tmpdir(), "facturation-crash-"));
    const setup = await openDatabase({ dataDir: dir, env: {} });
    const { client } = await seedBasics(setup.db);
    await setup.close();
    const printed = await killMidBatch(dir, client.id, 8);
    const reopened = await openDatabase({ dataDir: dir, env: {} });
    try {
      await assertCompleteAndGapless(reopened, printed);
    } finally {
      await reopened.close();
    }
  }, 180_000);

  it.runIf(hasPostgres())("leaves every issued invoice complete and the numbers gapless (PostgreSQL)", async () => {
    const url = await createPostgresDatabase();
    const setup = await openDatabase({ databaseUrl: url });
    const { client } = await seedBasics(setup.db);
    await setup.close();
    const printed = await killMidBatch(url, client.id, 30);
    const reopened = await openDatabase({ databaseUrl: url });
    try {
      await assertCompleteAndGapless(reopened, printed);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
