/**
 * A small ledger for the suivi-paiements tools, "today" being 2026-03-20 (the harness clock):
 * - Acme Industrie: A1 1 200,00 € TTC due 04/02 (44 days late), A2 600,00 € due 12/03 (8 days
 *   late), A3 300,00 € due 31/03 (not due);
 * - Bêta Conseil: B0 120,00 € due 01/12/2025 (109 days late), B1 12 000,00 € due 22/03 (in 2 days).
 */
import { createClient } from "../../../db/repositories/clients.js";
import type { Database } from "../../../db/database.js";
import { reminders } from "../../../db/schema/reminders.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { recordPayment } from "../../../db/repositories/recordPayment.js";
import { Decimal } from "../../../engine/money/money.js";
import { issueSimple, line, seedBasics } from "../../db/fixtures.js";
import { startHarness, type Harness, type HarnessOptions } from "../harness.js";

export async function seedLedger(db: Database) {
  const { client: acme, project } = await seedBasics(db);
  const beta = await createClient(db, {
    name: "Bêta Conseil",
    addressLine1: "8 quai des Chartrons",
    postalCode: "33000",
    city: "Bordeaux",
    billingContacts: [{ email: "compta@beta.example" }],
  });
  const b0 = await issueSimple(db, beta.id, "2025-11-01", "100.00");
  const a1 = await issueSimple(db, acme.id, "2026-01-05", "1000.00");
  const a2 = await issueSimple(db, acme.id, "2026-02-10", "500.00");
  const b1 = await issueSimple(db, beta.id, "2026-02-20", "10000.00");
  const a3 = await issueSimple(db, acme.id, "2026-03-01", "250.00");
  return { acme, beta, project, a1, a2, a3, b0, b1 };
}

export type Ledger = Awaited<ReturnType<typeof seedLedger>>;

/** A reminder already sent (level 1 = R1 … 4 = escalation). */
export async function sentReminder(db: Database, invoiceId: number, level: number, on: string) {
  await db.insert(reminders).values({ invoiceId, level, remindedOn: on, recipient: "compta@acme.example", subject: "Relance", status: "sent", createdBy: "test" });
}

export async function startWithLedger(options: HarnessOptions): Promise<{ h: Harness; ledger: Ledger }> {
  const h = await startHarness(options);
  const ledger = await seedLedger(h.opened.db);
  return { h, ledger };
}

/** Issues a credit note on `invoiceId` (net negative, VAT 20 %). */
export async function creditNote(db: Database, clientId: number, invoiceId: number, issueDate: string, net: string) {
  const { invoice } = await createDraftInvoice(db, {
    kind: "credit_note",
    clientId,
    issueDate,
    lines: [line(net, { label: "Remise commerciale" })],
    correctsInvoiceId: invoiceId,
    correctionReason: "remise accordée",
    createdBy: "test",
  });
  return (await issueInvoice(db, { invoiceId: invoice.id, actor: "test", channel: "test" })).invoice;
}

/** Records a payment straight through the repository (what a confirmed record_payment does). */
export async function pay(db: Database, clientId: number, amount: string, receivedOn: string, allocations: { invoiceId: number; amount: string }[]) {
  return recordPayment(db, {
    clientId,
    amount: new Decimal(amount),
    receivedOn,
    method: "transfer",
    allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: new Decimal(a.amount) })),
    actor: "test",
    channel: "test",
  });
}
