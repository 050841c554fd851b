import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OpenedDatabase, openDatabase } from "../../db/connection.js";
import { rowsOf } from "../../db/database.js";
import { MAX_PREPARED_PARAMETERS } from "../../db/preparedStatements.js";
import { clients } from "../../db/schema/index.js";
import { hasPostgres, postgresBackend } from "./backends.js";

/** The statements this connection has prepared on the server whose text mentions `needle`. */
async function preparedOnConnection(tx: OpenedDatabase["db"], needle: string): Promise<number> {
  const rows = rowsOf<{ n: string }>(await tx.execute(sql`select count(*)::text as n from pg_prepared_statements where statement like ${`%${needle}%`}`));
  return Number(rows[0]?.n ?? "0");
}

describe.runIf(hasPostgres())("drizzle queries on a PostgreSQL server run as named prepared statements", () => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await postgresBackend.fresh({ maxConnections: 1 });
  });
  afterEach(async () => {
    await h.close();
  });

  it("prepares a query once per connection, in a transaction and in a savepoint as outside", async () => {
    // One connection: everything below runs on it, so its pg_prepared_statements is ours.
    await h.db.select().from(clients).where(eq(clients.id, 41));
    await h.db.transaction(async (tx) => {
      await tx.select().from(clients).where(eq(clients.id, 42));
      await tx.select({ id: clients.id }).from(clients).where(eq(clients.siren, "123456789"));
      await tx.transaction(async (savepoint) => {
        await savepoint.select({ name: clients.name }).from(clients).where(eq(clients.id, 43));
      });
      // The same text with other parameters reuses the statement already prepared.
      expect(await preparedOnConnection(tx, '"created_at" from "clients" where "clients"."id" = $1')).toBe(1);
      expect(await preparedOnConnection(tx, 'where "clients"."siren" = $1')).toBe(1);
      expect(await preparedOnConnection(tx, 'select "name" from "clients"')).toBe(1);
    });
  });

  it("plans each run for its own parameters, as an unprepared query was (no generic plan after five runs)", async () => {
    const rows = rowsOf<{ plan_cache_mode: string }>(await h.db.execute(sql`show plan_cache_mode`));
    expect(rows[0]?.plan_cache_mode).toBe("force_custom_plan");
  });

  it("does not keep statements whose text follows the data (more than 128 parameters)", async () => {
    const many = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => i + 1);
    await h.db.transaction(async (tx) => {
      await tx.select({ id: clients.id }).from(clients).where(inArray(clients.id, many));
      await tx.select({ id: clients.id }).from(clients).where(inArray(clients.id, many.slice(0, 3)));
      expect(await preparedOnConnection(tx, `$${MAX_PREPARED_PARAMETERS + 1})`)).toBe(0);
      expect(await preparedOnConnection(tx, '"clients"."id" in ($1, $2, $3)')).toBe(1);
    });
  });

  it("prepares nothing when the URL says prepare=false (poolers that do not keep prepared statements)", async () => {
    const url = `${(h as OpenedDatabase & { url: string }).url}?prepare=false`;
    const unprepared = await openDatabase({ databaseUrl: url, maxConnections: 1, migrate: false });
    try {
      await unprepared.db.transaction(async (tx) => {
        await tx.select().from(clients).where(eq(clients.id, 41));
        expect(await preparedOnConnection(tx, '"created_at" from "clients" where "clients"."id" = $1')).toBe(0);
      });
    } finally {
      await unprepared.close();
    }
  });
});
