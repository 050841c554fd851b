import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../db/connection.js";
import type { Database } from "../../db/database.js";
import { checkLedger } from "../../db/ledger/checkLedger.js";
import { translateDatabaseError } from "../../db/postgresError.js";
import { getInvoice } from "../../db/repositories/invoiceQueries.js";
import { markInvoiceDisputed, markInvoiceSent } from "../../db/repositories/invoiceStatusChanges.js";
import { recordPayment } from "../../db/repositories/recordPayment.js";
import { auditLog, invoiceLines, invoices, ledgerEntries, ledgerLines } from "../../db/schema/index.js";
import { RuleError } from "../../engine/errors.js";
import { Decimal } from "../../engine/money/money.js";
import { testBackends } from "./backends.js";
import { issueSimple, seedBasics } from "./fixtures.js";

/** What a superuser can do: run statements with triggers disabled for the transaction. */
async function asSuperuserBypassingTriggers(db: Database, work: (tx: Database) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx);
  });
}

async function refusal(promise: Promise<unknown>): Promise<RuleError> {
  const error = translateDatabaseError(await promise.then(() => undefined, (e: unknown) => e));
  expect(error).toBeInstanceOf(RuleError);
  return error as RuleError;
}

describe.each(testBackends())("database guards and tamper detection — $name", (backend) => {
  let h: OpenedDatabase;
  let invoiceId: number;
  beforeEach(async () => {
    h = await backend.fresh();
    const { client } = await seedBasics(h.db);
    const inv = await issueSimple(h.db, client.id, "2026-03-01", "1000.00");
    invoiceId = inv.id;
    await recordPayment(h.db, { clientId: client.id, method: "transfer", receivedOn: "2026-03-20", amount: new Decimal("500.00"), allocations: [{ invoiceId, amount: new Decimal("500.00") }], actor: "t", channel: "test" });
  });
  afterEach(async () => {
    await h.close();
  });

  it("refuses to change the content of an issued invoice or delete it, and nothing changes", async () => {
    expect((await refusal(h.db.update(invoices).set({ netAmount: "1.00", vatAmount: "0.20", amountDue: "1.20" }).where(eq(invoices.id, invoiceId)))).code).toBe("issued_invoice_immutable");
    expect((await refusal(h.db.update(invoices).set({ issueDate: "2026-01-01" }).where(eq(invoices.id, invoiceId)))).code).toBe("issued_invoice_immutable");
    expect((await refusal(h.db.update(invoices).set({ status: "draft", number: null }).where(eq(invoices.id, invoiceId)))).code).toBe("issued_invoice_immutable");
    expect((await refusal(h.db.delete(invoices).where(eq(invoices.id, invoiceId)))).code).toBe("issued_invoice_immutable");
    const after = await getInvoice(h.db, invoiceId);
    expect(after.invoice.netAmount.toFixed(2)).toBe("1000.00");
    expect(after.invoice.number).toBe("F-2026-00001");
  });

  it("refuses to add, change or delete lines of an issued invoice", async () => {
    expect((await refusal(h.db.update(invoiceLines).set({ net: "1.00" }).where(eq(invoiceLines.invoiceId, invoiceId)))).code).toBe("issued_invoice_immutable");
    expect((await refusal(h.db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)))).code).toBe("issued_invoice_immutable");
    expect((await refusal(h.db.insert(invoiceLines).values({ invoiceId, position: 9, label: "x", quantity: "1", unitPrice: "1", net: "1.00", vatRate: "20" }))).code).toBe("issued_invoice_immutable");
    expect((await getInvoice(h.db, invoiceId)).lines.map((l) => l.net.toFixed(2))).toEqual(["1000.00"]);
  });

  it("still lets the status, dispute and sending fields change", async () => {
    await markInvoiceSent(h.db, invoiceId, { channel: "email", actor: "t" });
    const disputed = await markInvoiceDisputed(h.db, invoiceId, { disputed: true, reason: "Livrable contesté", actor: "t", channel: "test" });
    expect(disputed.disputed).toBe(true);
    expect(disputed.status).toBe("partially_paid");
    expect(disputed.sentChannel).toBe("email");
  });

  it("refuses updates and deletes of ledger and audit rows", async () => {
    expect((await refusal(h.db.update(ledgerLines).set({ debit: "1.00" }).where(eq(ledgerLines.account, "411")))).code).toBe("append_only");
    expect((await refusal(h.db.delete(ledgerEntries))).code).toBe("append_only");
    expect((await refusal(h.db.update(auditLog).set({ actor: "mallory" }))).code).toBe("append_only");
    expect((await refusal(h.db.delete(auditLog))).code).toBe("append_only");
    expect((await refusal(h.db.execute(sql`truncate audit_log`))).code).toBe("append_only");
    expect((await checkLedger(h.db)).ok).toBe(true);
  });

  it("refuses an unbalanced entry at commit", async () => {
    const error = await refusal(
      h.db.transaction(async (tx) => {
        const [entry] = await tx.insert(ledgerEntries).values({ journal: "OD", entryDate: "2026-03-31", kind: "invoice", label: "déséquilibrée" }).returning();
        await tx.insert(ledgerLines).values([
          { entryId: entry?.id ?? 0, position: 0, account: "411", label: "x", debit: "10.00" },
          { entryId: entry?.id ?? 0, position: 1, account: "706", label: "x", credit: "9.99" },
        ]);
      }),
    );
    expect(error.code).toBe("unbalanced_entry");
    expect(await h.db.select().from(ledgerEntries)).toHaveLength(2);
  });

  it("names a ledger line altered behind the triggers' back, with expected and found", async () => {
    await asSuperuserBypassingTriggers(h.db, (tx) => tx.update(ledgerLines).set({ credit: "999.00" }).where(eq(ledgerLines.account, "706")));
    const report = await checkLedger(h.db);
    expect(report.ok).toBe(false);
    const messages = report.problems.map((p) => p.message).join("\n");
    expect(messages).toMatch(/écriture 1 .* déséquilibrée : débit 1200\.00 ≠ crédit 1199\.00/);
    const entryProblem = report.problems.find((p) => p.check === "invoice_entry");
    expect(entryProblem?.subject).toBe("facture F-2026-00001");
    expect(entryProblem?.expected).toContain("706 D 0.00 C 1000.00");
    expect(entryProblem?.found).toContain("706 D 0.00 C 999.00");
  });

  it("names an invoice whose amounts were altered behind the triggers' back", async () => {
    await asSuperuserBypassingTriggers(h.db, (tx) => tx.update(invoices).set({ netAmount: "100.00", vatAmount: "20.00", amountDue: "120.00" }).where(eq(invoices.id, invoiceId)));
    const report = await checkLedger(h.db);
    const problem = report.problems.find((p) => p.check === "invoice_totals");
    expect(problem?.message).toBe("facture F-2026-00001 : totaux attendus d'après ses lignes HT 1000.00, TVA 200.00, TTC 1200.00, trouvés HT 100.00, TVA 20.00, TTC 120.00");
  });

  it("names the first audit row altered or deleted", async () => {
    await asSuperuserBypassingTriggers(h.db, (tx) => tx.update(auditLog).set({ actor: "mallory" }).where(eq(auditLog.seq, 1)));
    let report = await checkLedger(h.db);
    expect(report.problems.map((p) => p.subject)).toEqual(["journal d'audit ligne 1"]);
    expect(report.problems[0]?.message).toContain("la ligne 1 (invoice_issued) a été modifiée");
    await asSuperuserBypassingTriggers(h.db, (tx) => tx.delete(auditLog).where(eq(auditLog.seq, 1)));
    report = await checkLedger(h.db);
    expect(report.problems[0]?.message).toBe("journal d'audit : la ligne 1 manque (ligne suivante trouvée : 2)");
  });

  it("names a payment whose paid amount no longer matches its allocations", async () => {
    await asSuperuserBypassingTriggers(h.db, (tx) => tx.update(invoices).set({ amountPaid: "1200.00", status: "paid" }).where(eq(invoices.id, invoiceId)));
    const report = await checkLedger(h.db);
    expect(report.problems.map((p) => p.message)).toEqual(["facture F-2026-00001 : montant payé 1200.00 alors que ses règlements affectés totalisent 500.00"]);
  });
});
