import { sql } from "drizzle-orm";
import { letteringCode } from "../../engine/accounting/letteringCode.js";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { ACCOUNTS } from "../../engine/ledger/accounts.js";
import { type Database, rowsOf } from "../database.js";

/** The lettering of an invoice's client-account (411) lines: its code and the day it was complete. */
export interface Lettering {
  readonly code: string;
  readonly date: IsoDate;
}

/**
 * The lettering of the client account (411) as of `asOf`, by invoice id. An invoice's group is its own
 * 411 line, those of its credit notes and those of the payments and client credits allocated to it;
 * the group is lettered once it balances (debit = credit, the invoice fully settled) with entries dated
 * up to `asOf`, on the date of its last entry. Codes (A, B, … AA…) follow the lettering date, then the
 * invoice id. Lines that belong to no invoice (the unallocated part of a payment) stay unlettered.
 */
export async function loadClientLettering(db: Database, asOf: IsoDate): Promise<Map<number, Lettering>> {
  const rows = rowsOf<{ invoice_id: number; rank: number | string; lettered_on: string }>(
    await db.execute(sql`
      with client_lines as (
        select l.invoice_id, coalesce(case when i.kind = 'credit_note' then i.corrects_invoice_id end, i.id) as root,
          l.debit, l.credit, e.entry_date
        from ledger_lines l
        join ledger_entries e on e.id = l.entry_id
        join invoices i on i.id = l.invoice_id
        where l.account = ${ACCOUNTS.clients} and e.entry_date <= ${asOf}),
      lettered as (
        select root, max(entry_date) as lettered_on, row_number() over (order by max(entry_date), root) as rank
        from client_lines
        group by root
        having sum(debit) = sum(credit) and sum(debit) > 0)
      select distinct c.invoice_id, l.rank, l.lettered_on::text as lettered_on
      from client_lines c join lettered l on l.root = c.root`),
  );
  return new Map(rows.map((r) => [r.invoice_id, { code: letteringCode(Number(r.rank)), date: r.lettered_on }]));
}
