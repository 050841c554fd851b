import type postgres from "postgres";
import type { IsoDate } from "../engine/dates/plainDate.js";
import type { Database } from "../db/database.js";
import { issueInvoice } from "../db/repositories/issueInvoice.js";
import { invoiceLines, invoices } from "../db/schema/index.js";
import { bulkInsert, resyncIdentity } from "./bulkInsert.js";

/** Drafts to issue: one line each, bulk-inserted (as drafts, their lines allowed) with ids from `firstId`. */
export async function createDrafts(target: { db: Database; copy?: postgres.Sql | undefined }, count: number, firstId: number, clients: number, today: IsoDate): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  await bulkInsert(
    target,
    invoices,
    ids.map((id, i) => ({ id, kind: "invoice" as const, status: "draft" as const, issueDate: today, dueDate: today, clientId: (i % clients) + 1, netAmount: "1000.00", vatAmount: "200.00", amountDue: "1200.00", paymentTerms: { days: 30, endOfMonth: false }, createdBy: "bench" })),
  );
  await bulkInsert(
    target,
    invoiceLines,
    ids.map((id) => ({ invoiceId: id, position: 0, label: "Prestation", quantity: "1", unitPrice: "1000.00", net: "1000.00", vatRate: "20" })),
  );
  await resyncIdentity(target.db, "invoices");
  await resyncIdentity(target.db, "invoice_lines");
  return ids;
}

/**
 * (c) Issues the drafts with `workers` concurrent issuers, each through the real issuing transaction
 * (number, snapshots, journal entry, audit row). Returns the elapsed milliseconds.
 */
export async function issueConcurrently(db: Database, ids: readonly number[], workers: number, today: IsoDate): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = next++; i < ids.length; i = next++) {
        await issueInvoice(db, { invoiceId: ids[i] as number, issueDate: today, actor: `bench-${w}`, channel: "bench" });
      }
    }),
  );
  return performance.now() - started;
}
