import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Database } from "../db/database.js";

/** Text form of a value for COPY … FROM STDIN (text format). */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/**
 * Bulk insert through the drizzle schema: on PostgreSQL, COPY FROM STDIN with the table's own column
 * names; on PGlite, multi-row INSERTs built by drizzle. Rows are the schema's insert objects.
 */
export async function bulkInsert<T extends PgTable>(
  target: { db: Database; copy?: postgres.Sql | undefined },
  table: T,
  rows: readonly T["$inferInsert"][],
  batch = 2_000,
): Promise<void> {
  if (rows.length === 0) return;
  if (target.copy) {
    const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
    const names = columns.map(([, c]) => `"${c.name}"`).join(", ");
    const writable = await target.copy.unsafe(`copy "${getTableName(table)}" (${names}) from stdin`).writable();
    const done = new Promise<void>((resolve, reject) => {
      writable.on("finish", () => resolve());
      writable.on("error", reject);
    });
    let chunk = "";
    for (const row of rows) {
      chunk += `${columns.map(([key]) => copyValue((row as Record<string, unknown>)[key])).join("\t")}\n`;
      if (chunk.length > 1 << 20) {
        if (!writable.write(chunk)) await new Promise((r) => writable.once("drain", r));
        chunk = "";
      }
    }
    writable.end(chunk);
    await done;
    return;
  }
  for (let i = 0; i < rows.length; i += batch) {
    await target.db.insert(table).values(rows.slice(i, i + batch) as T["$inferInsert"][]);
  }
}

/** Moves a table's identity past explicitly given ids. */
export async function resyncIdentity(db: Database, table: string): Promise<void> {
  await db.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`));
}
