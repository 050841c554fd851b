import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import type { Database } from "../../../db/database.js";
import { checkLedger } from "../../../db/ledger/checkLedger.js";
import { recordPayment } from "../../../db/repositories/recordPayment.js";
import { ledgerLines, paymentAllocations } from "../../../db/schema/index.js";
import { Decimal } from "../../../engine/money/money.js";
import { testBackends } from "../backends.js";
import { issueSimple, seedBasics } from "../fixtures.js";

const d = (s: string) => new Decimal(s);

/** Runs `work` with triggers off (as a superuser could), to simulate tampering or a bulk load. */
async function bypassingTriggers(db: Database, work: (tx: Database) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx);
  });
}

/** Clones issued invoice `templateId` n times (numbers G-1…G-n) with its line and a correct sales entry. */
async function cloneInvoices(db: Database, templateId: number, n: number): Promise<void> {
  await bypassingTriggers(db, async (tx) => {
    await tx.execute(sql`
      insert into invoices (kind, status, number, series_id, issue_date, due_date, client_id, net_amount, vat_amount, amount_due, amount_paid,
                            payment_terms, seller_snapshot, buyer_snapshot, supply_type, notes, created_by, issued_by, issued_at)
      select kind, status, 'G-' || g, series_id, issue_date, due_date, client_id, net_amount, vat_amount, amount_due, amount_paid,
             payment_terms, seller_snapshot, buyer_snapshot, supply_type, notes, created_by, issued_by, issued_at
      from invoices, generate_series(1, ${n}) g where id = ${templateId}`);
    await tx.execute(sql`
      insert into invoice_lines (invoice_id, position, label, quantity, unit_code, unit_price, net, vat_rate)
      select i.id, 0, l.label, l.quantity, l.unit_code, l.unit_price, l.net, l.vat_rate
      from invoices i, invoice_lines l where i.number like 'G-%' and l.invoice_id = ${templateId}`);
    await tx.execute(sql`
      insert into ledger_entries (journal, entry_date, kind, label, invoice_id)
      select 'VE', issue_date, 'invoice', 'Facture ' || number, id from invoices where number like 'G-%'`);
    await tx.execute(sql`
      insert into ledger_lines (entry_id, position, account, label, debit, credit, invoice_id)
      select e.id, x.position, x.account, e.label, x.debit, x.credit, e.invoice_id
      from ledger_entries e join invoices i on i.id = e.invoice_id
      cross join lateral (values (0, '411', i.amount_due, 0::numeric), (1, '706', 0::numeric, i.net_amount), (2, '44574', 0::numeric, i.vat_amount)) as x(position, account, debit, credit)
      where i.number like 'G-%'`);
  });
}

describe.each(testBackends())("checkLedger — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("checks thousands of invoices in SQL and names the one faulty entry among them", async () => {
    const { client } = await seedBasics(h.db);
    const template = await issueSimple(h.db, client.id, "2026-03-01", "1000.00");
    await cloneInvoices(h.db, template.id, 5000);
    const clean = await checkLedger(h.db);
    expect(clean.problems).toEqual([]);
    expect(clean.counts).toMatchObject({ entries: 5001, invoices: 5001, payments: 0 });

    await bypassingTriggers(h.db, (tx) =>
      tx.execute(sql`update ledger_lines set credit = 999.99 where account = '706' and invoice_id = (select id from invoices where number = 'G-4321')`),
    );
    const report = await checkLedger(h.db);
    expect(report.problems.map((p) => [p.check, p.subject])).toEqual([
      ["entry_balanced", expect.stringMatching(/^écriture \d+$/)],
      ["invoice_entry", "facture G-4321"],
    ]);
    const entry = report.problems[1];
    expect(entry?.expected).toBe("411 D 1200.00 C 0.00 ; 44574 D 0.00 C 200.00 ; 706 D 0.00 C 1000.00");
    expect(entry?.found).toBe("411 D 1200.00 C 0.00 ; 44574 D 0.00 C 200.00 ; 706 D 0.00 C 999.99");
  });

  it("names a bank entry that credits the wrong invoice, with expected and found", async () => {
    const { client } = await seedBasics(h.db);
    const first = await issueSimple(h.db, client.id, "2026-03-01", "100.00");
    const second = await issueSimple(h.db, client.id, "2026-03-02", "100.00");
    const paid = await recordPayment(h.db, {
      clientId: client.id,
      amount: d("150.00"),
      receivedOn: "2026-03-10",
      method: "transfer",
      allocations: [{ invoiceId: first.id, amount: d("120.00") }],
      actor: "t",
      channel: "test",
    });
    expect((await checkLedger(h.db)).problems).toEqual([]);
    await bypassingTriggers(h.db, (tx) => tx.update(ledgerLines).set({ invoiceId: second.id }).where(eq(ledgerLines.invoiceId, first.id)));
    const report = await checkLedger(h.db);
    const problem = report.problems.find((p) => p.check === "payment_entry");
    expect(problem?.subject).toBe(`règlement ${paid.paymentId}`);
    expect(problem?.expected).toBe("512 D 150.00 ; 411 C facture F-2026-00001 120.00, non affecté 30.00");
    expect(problem?.found).toBe("512 D 150.00 ; 411 C facture F-2026-00002 120.00, non affecté 30.00");
  });

  it("names allocations above their payment and an invoice whose paid amount disagrees with them", async () => {
    const { client } = await seedBasics(h.db);
    const invoice = await issueSimple(h.db, client.id, "2026-03-01", "100.00");
    const paid = await recordPayment(h.db, {
      clientId: client.id,
      amount: d("50.00"),
      receivedOn: "2026-03-10",
      method: "transfer",
      allocations: [{ invoiceId: invoice.id, amount: d("50.00") }],
      actor: "t",
      channel: "test",
    });
    await bypassingTriggers(h.db, (tx) => tx.update(paymentAllocations).set({ amount: "60.00" }).where(eq(paymentAllocations.paymentId, paid.paymentId)));
    const report = await checkLedger(h.db);
    expect(report.problems.map((p) => p.message)).toEqual([
      `règlement ${paid.paymentId} : affectations 60.00 supérieures au montant 50.00`,
      expect.stringMatching(new RegExp(`^règlement ${paid.paymentId} : l'écriture \\d+ ne correspond pas au règlement`)),
      "facture F-2026-00001 : montant payé 50.00 alors que ses règlements affectés totalisent 60.00",
    ]);
  });
});
