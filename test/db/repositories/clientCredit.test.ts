import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import { rowsOf } from "../../../db/database.js";
import { checkLedger } from "../../../db/ledger/checkLedger.js";
import { invoiceVatPosition } from "../../../db/ledger/invoiceVatPosition.js";
import { applyClientCredit, clientCredit } from "../../../db/repositories/clientCredit.js";
import { getInvoice } from "../../../db/repositories/invoiceQueries.js";
import { loadReceivablesSnapshot } from "../../../db/repositories/receivablesSnapshot.js";
import { recordPayment } from "../../../db/repositories/recordPayment.js";
import { ledgerEntries, ledgerLines } from "../../../db/schema/index.js";
import type { RuleError } from "../../../engine/errors.js";
import { Decimal, ZERO } from "../../../engine/money/money.js";
import { testBackends } from "../backends.js";
import { issueSimple, seedBasics } from "../fixtures.js";

const d = (s: string) => new Decimal(s);

async function count(h: OpenedDatabase, table: string): Promise<number> {
  return rowsOf<{ n: number }>(await h.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? -1;
}

async function clientAccount(h: OpenedDatabase): Promise<{ unallocated: string; perInvoice: string }> {
  const rows = await h.db.select().from(ledgerLines).where(eq(ledgerLines.account, "411"));
  const bal = (pick: (invoiceId: number | null) => boolean) =>
    rows.filter((r) => pick(r.invoiceId)).reduce((acc, r) => acc.plus(d(r.debit)).minus(d(r.credit)), ZERO).toFixed(2);
  return { unallocated: bal((id) => id === null), perInvoice: bal((id) => id !== null) };
}

describe.each(testBackends())("client credit (trop-perçu) — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Invoice 1: 1 200.00 TTC paid 1 500.00 (300.00 kept as credit); invoice 2: 600.00 TTC, unpaid. */
  async function seedOverpaid() {
    const { client } = await seedBasics(h.db);
    const first = await issueSimple(h.db, client.id, "2026-03-01", "1000.00");
    const paid = await recordPayment(h.db, {
      clientId: client.id,
      amount: d("1500.00"),
      receivedOn: "2026-03-05",
      method: "transfer",
      allocations: [{ invoiceId: first.id, amount: d("1200.00") }],
      actor: "t",
      channel: "test",
    });
    const second = await issueSimple(h.db, client.id, "2026-03-10", "500.00");
    return { client, first, second, paymentId: paid.paymentId };
  }

  it("keeps the unallocated part of a payment as the client's credit, on 411 without an invoice", async () => {
    const { client, paymentId } = await seedOverpaid();
    expect(await clientCredit(h.db, client.id)).toEqual({ total: d("300.00"), payments: [{ paymentId, receivedOn: "2026-03-05", available: d("300.00") }] });
    expect(await clientAccount(h)).toEqual({ unallocated: "-300.00", perInvoice: "600.00" });
  });

  it("imputes the credit on a later invoice: allocation dated the day of imputation, VAT made due, statuses, OD entry, clean ledger", async () => {
    const { client, second, paymentId } = await seedOverpaid();
    const result = await applyClientCredit(h.db, { clientId: client.id, allocations: [{ invoiceId: second.id, amount: d("300.00") }], appliedOn: "2026-03-20", actor: "t", channel: "test" });
    expect(result.sources).toEqual([{ paymentId, amount: d("300.00") }]);
    expect(result.remainingCredit).toEqual(d("0"));
    expect(result.allocations).toEqual([{ invoiceId: second.id, number: "F-2026-00002", amount: d("300.00"), outstandingAfter: d("300.00"), status: "partially_paid" }]);

    const stored = await getInvoice(h.db, second.id);
    expect(stored.invoice).toMatchObject({ status: "partially_paid", amountPaid: d("300.00") });
    expect(stored.payments).toEqual([{ paymentId, receivedOn: "2026-03-20", amount: d("300.00"), method: "transfer", reference: null }]);
    expect(await invoiceVatPosition(h.db, second.id)).toEqual({ pending: d("50.00"), collected: d("50.00") });
    expect(await clientCredit(h.db, client.id)).toEqual({ total: d("0"), payments: [] });
    expect(await clientAccount(h)).toEqual({ unallocated: "0.00", perInvoice: "300.00" });
    const [entry] = await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.kind, "credit_application"));
    expect(entry).toMatchObject({ journal: "OD", paymentId, entryDate: "2026-03-20" });

    const snapshot = await loadReceivablesSnapshot(h.db, { clientId: client.id });
    expect(snapshot.allocations.filter((a) => a.invoiceId === String(second.id))).toEqual([{ invoiceId: String(second.id), amount: d("300.00"), date: "2026-03-20" }]);
    expect(await checkLedger(h.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("takes the credit from the oldest payments first, one OD entry each", async () => {
    const { client, first, second, paymentId } = await seedOverpaid();
    const other = await recordPayment(h.db, { clientId: client.id, amount: d("200.00"), receivedOn: "2026-03-12", method: "cheque", allocations: [], actor: "t", channel: "test" });
    expect((await clientCredit(h.db, client.id)).total).toEqual(d("500.00"));
    const result = await applyClientCredit(h.db, { clientId: client.id, allocations: [{ invoiceId: second.id, amount: d("450.00") }], appliedOn: "2026-03-20", actor: "t", channel: "test" });
    expect(result.sources).toEqual([
      { paymentId, amount: d("300.00") },
      { paymentId: other.paymentId, amount: d("150.00") },
    ]);
    expect((await getInvoice(h.db, second.id)).invoice).toMatchObject({ status: "partially_paid", amountPaid: d("450.00") });
    expect((await getInvoice(h.db, first.id)).invoice.status).toBe("paid");
    expect(await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.kind, "credit_application"))).toHaveLength(2);
    expect(await clientCredit(h.db, client.id)).toEqual({ total: d("50.00"), payments: [{ paymentId: other.paymentId, receivedOn: "2026-03-12", available: d("50.00") }] });
    expect(await checkLedger(h.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("refuses to impute more than the credit available, and changes nothing", async () => {
    const { client, second } = await seedOverpaid();
    const before = { allocations: await count(h, "payment_allocations"), lines: await count(h, "ledger_lines"), audit: await count(h, "audit_log") };
    const error = await applyClientCredit(h.db, { clientId: client.id, allocations: [{ invoiceId: second.id, amount: d("300.01") }], appliedOn: "2026-03-20", actor: "t", channel: "test" }).catch((e: unknown) => e);
    expect((error as RuleError).code).toBe("insufficient_credit");
    expect((error as RuleError).message).toBe("allocations : le crédit disponible de Acme Industrie (300,00\u00a0€) ne couvre pas 300,01\u00a0€");
    expect({ allocations: await count(h, "payment_allocations"), lines: await count(h, "ledger_lines"), audit: await count(h, "audit_log") }).toEqual(before);
    expect((await getInvoice(h.db, second.id)).invoice).toMatchObject({ status: "issued", amountPaid: ZERO });
    expect((await clientCredit(h.db, client.id)).total).toEqual(d("300.00"));
  });

  it("refuses to impute more than an invoice still owes", async () => {
    const { client, first } = await seedOverpaid();
    const error = await applyClientCredit(h.db, { clientId: client.id, allocations: [{ invoiceId: first.id, amount: d("0.01") }], appliedOn: "2026-03-20", actor: "t", channel: "test" }).catch((e: unknown) => e);
    expect((error as RuleError).code).toBe("over_allocation");
    expect((await clientCredit(h.db, client.id)).total).toEqual(d("300.00"));
  });
});
