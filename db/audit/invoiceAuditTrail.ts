import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "../database.js";

/** One line of an invoice's audit trail, as stored in the hash-chained log. */
export interface AuditTrailEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly channel: string;
  readonly action: string;
  readonly pendingActionId: string | null;
}

/**
 * What the audit log holds about one issued invoice, in chain order: its own events (issued, imported,
 * sent), the payments allocated to it, the reminders sent on it, and the proposal / confirmation /
 * execution of the pending actions behind those.
 */
export async function invoiceAuditTrail(db: Database, invoice: { readonly id: number; readonly number: string }): Promise<AuditTrailEntry[]> {
  const rows = rowsOf<{ seq: number | string; at: string; actor: string; channel: string; action: string; pending_action_id: string | null }>(
    await db.execute(sql`
      with own as (
        select * from audit_log where subject_type = 'invoice' and subject_id = ${invoice.number}),
      paid as (
        select * from audit_log where action = 'payment_recorded' and details -> 'allocations' @> ${JSON.stringify([{ number: invoice.number }])}::jsonb),
      reminded as (
        select * from audit_log where subject_type = 'reminder' and subject_id in (select id::text from reminders where invoice_id = ${invoice.id})),
      direct as (select * from own union select * from paid union select * from reminded),
      linked as (
        select * from audit_log where pending_action_id in (select pending_action_id from direct where pending_action_id is not null))
      select seq, at::text as at, actor, channel, action, pending_action_id
      from (select * from direct union select * from linked) t
      order by seq`),
  );
  return rows.map((r) => ({ seq: Number.parseInt(String(r.seq), 10), at: new Date(r.at).toISOString(), actor: r.actor, channel: r.channel, action: r.action, pendingActionId: r.pending_action_id }));
}
