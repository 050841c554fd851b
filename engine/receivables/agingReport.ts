import { z } from "zod";
import { type Decimal, ZERO } from "../money/money.js";
import type { InvoiceReceivable } from "./invoiceReceivable.js";

/**
 * Aging buckets (balance âgée) by days past the due date:
 * not due (0 — due today or later), 1–30, 31–60, 61–90, over 90. Day 30 is in 1–30, day 31 in 31–60,
 * day 60 in 31–60, day 61 in 61–90, day 90 in 61–90, day 91 in "over 90".
 */
export const AGING_BUCKETS = ["not_due", "d1_30", "d31_60", "d61_90", "over_90"] as const;
export const AgingBucketSchema = z.enum(AGING_BUCKETS);
export type AgingBucket = z.infer<typeof AgingBucketSchema>;

export const AGING_BUCKET_LABELS: Readonly<Record<AgingBucket, string>> = {
  not_due: "non échu",
  d1_30: "1 à 30 jours",
  d31_60: "31 à 60 jours",
  d61_90: "61 à 90 jours",
  over_90: "plus de 90 jours",
};

export function agingBucketOf(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return "not_due";
  if (daysOverdue <= 30) return "d1_30";
  if (daysOverdue <= 60) return "d31_60";
  if (daysOverdue <= 90) return "d61_90";
  return "over_90";
}

export interface AgingCell {
  readonly amount: Decimal;
  readonly count: number;
}

export type AgingBuckets = Readonly<Record<AgingBucket, AgingCell>>;

export interface AgingRow {
  readonly buckets: AgingBuckets;
  /** Sum of the buckets. */
  readonly total: AgingCell;
  /** Part of the total on disputed invoices (counted in the buckets too). */
  readonly disputed: AgingCell;
}

export interface ClientAgingRow extends AgingRow {
  readonly clientId: string;
  readonly clientName: string | undefined;
}

export interface AgingReport {
  readonly overall: AgingRow;
  /** One row per client with something outstanding, ordered by client name then id. */
  readonly byClient: readonly ClientAgingRow[];
}

const emptyBuckets = (): Record<AgingBucket, AgingCell> => ({
  not_due: { amount: ZERO, count: 0 },
  d1_30: { amount: ZERO, count: 0 },
  d31_60: { amount: ZERO, count: 0 },
  d61_90: { amount: ZERO, count: 0 },
  over_90: { amount: ZERO, count: 0 },
});

const add = (cell: AgingCell, amount: Decimal): AgingCell => ({ amount: cell.amount.plus(amount), count: cell.count + 1 });

function rowOf(receivables: readonly InvoiceReceivable[]): AgingRow {
  const buckets = emptyBuckets();
  let total: AgingCell = { amount: ZERO, count: 0 };
  let disputed: AgingCell = { amount: ZERO, count: 0 };
  for (const r of receivables) {
    const bucket = agingBucketOf(r.daysOverdue);
    buckets[bucket] = add(buckets[bucket], r.outstanding);
    total = add(total, r.outstanding);
    if (r.disputed) disputed = add(disputed, r.outstanding);
  }
  return { buckets, total, disputed };
}

/** The aging of the open invoices (outstanding > 0) among `receivables`, overall and per client. */
export function agingReport(receivables: readonly InvoiceReceivable[]): AgingReport {
  const open = receivables.filter((r) => !r.outstanding.isZero());
  const clients = new Map<string, InvoiceReceivable[]>();
  for (const r of open) {
    const rows = clients.get(r.clientId);
    if (rows === undefined) clients.set(r.clientId, [r]);
    else rows.push(r);
  }
  const byClient = [...clients.entries()]
    .map(([clientId, rows]) => ({ clientId, clientName: rows[0]?.clientName, ...rowOf(rows) }))
    .sort((a, b) => (a.clientName ?? a.clientId).localeCompare(b.clientName ?? b.clientId, "fr") || a.clientId.localeCompare(b.clientId));
  return { overall: rowOf(open), byClient };
}
