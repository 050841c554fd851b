/**
 * The reminders tools on the suivi-paiements ledger (test/tools/payments/paymentsFixtures.ts), "today"
 * being 2026-03-20: A1 1 200,00 € due 04/02 (44 days late), A2 600,00 € due 12/03 (8 days late),
 * A3 300,00 € due 31/03 (not due), all for Acme Industrie (billing e-mail compta@acme.example).
 * Each test gets a fresh outbox folder, configured as the reminders' delivery settings.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import type { Database } from "../../../db/database.js";
import { auditLog, outboxEmails, pendingActions, reminders } from "../../../db/schema/index.js";
import { configureReminderDelivery } from "../../../tools/reminders/reminderDelivery.js";
import type { Harness, HarnessOptions } from "../harness.js";
import { type Ledger, startWithLedger } from "../payments/paymentsFixtures.js";

export interface ReminderBench {
  readonly h: Harness;
  readonly ledger: Ledger;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startReminderBench(options: HarnessOptions & { readonly smtpUrl?: string }): Promise<ReminderBench> {
  const dataDir = await mkdtemp(join(tmpdir(), "facturation-relances-"));
  configureReminderDelivery({ dataDir, ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}) });
  const { h, ledger } = await startWithLedger(options);
  return {
    h,
    ledger,
    dataDir,
    async close() {
      configureReminderDelivery(undefined);
      await h.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const storedReminders = (db: Database) => db.select().from(reminders).orderBy(asc(reminders.id));
export const storedOutbox = (db: Database) => db.select().from(outboxEmails).orderBy(asc(outboxEmails.id));
export const storedPending = (db: Database) => db.select().from(pendingActions);
export const auditActions = async (db: Database) => (await db.select().from(auditLog).orderBy(asc(auditLog.seq))).map((r) => r.action);

/** The .eml files of the outbox folder (none when the folder was never created). */
export async function emlFiles(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, "outbox")).catch(() => [])).filter((f) => f.endsWith(".eml")).sort();
}
