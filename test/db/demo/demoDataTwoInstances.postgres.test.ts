import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../db/connection.js";
import { ensureDemoData, loadDemoData } from "../../../db/demo/ensureDemoData.js";
import { checkLedger } from "../../../db/ledger/checkLedger.js";
import { createPostgresDatabase, hasPostgres, pgliteBackend } from "../backends.js";
import { databaseState } from "../import/databaseState.js";
import { DEMO_TODAY as TODAY } from "./demoDay.js";

// PostgreSQL only (the suite's throwaway server); `.postgres.test.ts` files are left out of CI's second, PGlite-only
// run with the clock moved.
describe.runIf(hasPostgres())("demo data — two instances starting together on one empty PostgreSQL server", () => {
  it("loads the demo once: one instance loads it, the other finds it there, and the ledger checks clean", async () => {
    const url = await createPostgresDatabase();
    const [first, second] = await Promise.all([openDatabase({ databaseUrl: url, maxConnections: 2 }), openDatabase({ databaseUrl: url, maxConnections: 2 })]);
    const alone = await pgliteBackend.fresh();
    try {
      const loaded = await Promise.all([ensureDemoData(first.db, TODAY), ensureDemoData(second.db, TODAY)]);
      expect(loaded.filter(Boolean)).toHaveLength(1);
      await loadDemoData(alone.db, TODAY);
      // The same rows as one load of the demo, audit log included (one data_imported row).
      expect(await databaseState(first.db)).toEqual(await databaseState(alone.db));
      const report = await checkLedger(second.db);
      expect(report.problems).toEqual([]);
    } finally {
      await Promise.all([first.close(), second.close(), alone.close()]);
    }
  }, 180_000);
});
