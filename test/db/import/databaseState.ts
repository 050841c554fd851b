import { sql } from "drizzle-orm";
import type { Database } from "../../../db/database.js";
import { rowsOf } from "../../../db/database.js";

const TABLES = [
  "seller_settings",
  "clients",
  "projects",
  "contracts",
  "events",
  "invoices",
  "invoice_lines",
  "billed_schedule_items",
  "payments",
  "payment_allocations",
  "reminders",
  "ledger_entries",
  "ledger_lines",
  "audit_log",
] as const;

/** Row counts of every business table and the numbering series: equal before and after a refusal. */
export async function databaseState(db: Database) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = rowsOf<{ n: number | string }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)));
    counts[table] = Number(row?.n ?? -1);
  }
  const series = rowsOf<Record<string, unknown>>(await db.execute(sql.raw("select id, format, period, last_value, last_number, last_issue_date from numbering_series order by id")));
  return { counts, series };
}

/** Σ debit and Σ credit of the whole journal, and the balance of one account, as strings. */
export async function ledgerTotals(db: Database, account?: string) {
  const [all] = rowsOf<{ debit: string; credit: string }>(await db.execute(sql`select coalesce(sum(debit),0)::text as debit, coalesce(sum(credit),0)::text as credit from ledger_lines`));
  const [acc] = rowsOf<{ balance: string }>(
    await db.execute(sql`select coalesce(sum(debit - credit),0)::text as balance from ledger_lines where account = ${account ?? ""}`),
  );
  return { debit: all?.debit ?? "", credit: all?.credit ?? "", balance: acc?.balance ?? "" };
}
