import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../db/connection.js";
import { checkLedger } from "../../db/ledger/checkLedger.js";
import { createDraftInvoice } from "../../db/repositories/invoiceDrafts.js";
import { getInvoice } from "../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../db/repositories/issueInvoice.js";
import { loadInvoiceDocument } from "../../db/repositories/loadInvoiceDocument.js";
import { recordPayment } from "../../db/repositories/recordPayment.js";
import { ledgerEntries, ledgerLines, payments } from "../../db/schema/index.js";
import { RuleError } from "../../engine/errors.js";
import { Decimal, ZERO, sum } from "../../engine/money/money.js";
import { testBackends } from "./backends.js";
import { issueSimple, line, seedBasics } from "./fixtures.js";

const d = (s: string) => new Decimal(s);

async function accountBalance(h: OpenedDatabase, account: string): Promise<string> {
  const rows = await h.db.select().from(ledgerLines).where(eq(ledgerLines.account, account));
  return sum(rows.map((r) => d(r.debit).minus(d(r.credit)))).toFixed(2);
}

describe.each(testBackends())("recordPayment — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("records a partial payment, then the rest, moving the VAT to 44571 to the cent", async () => {
    const { client } = await seedBasics(h.db);
    const inv = await issueSimple(h.db, client.id, "2026-03-01", "100.01");
    expect(inv.amountDue.toFixed(2)).toBe("120.01");
    const first = await recordPayment(h.db, { clientId: client.id, method: "transfer", receivedOn: "2026-03-15", amount: d("40.00"), allocations: [{ invoiceId: inv.id, amount: d("40.00") }], actor: "t", channel: "test" });
    expect(first.allocations[0]?.status).toBe("partially_paid");
    expect(await accountBalance(h, "44571")).toBe("-6.67");
    await recordPayment(h.db, { clientId: client.id, method: "transfer", receivedOn: "2026-03-20", amount: d("80.01"), allocations: [{ invoiceId: inv.id, amount: d("80.01") }], actor: "t", channel: "test" });
    const details = await getInvoice(h.db, inv.id);
    expect(details.invoice.status).toBe("paid");
    expect(details.invoice.amountPaid.toFixed(2)).toBe("120.01");
    expect(details.payments.map((p) => p.amount.toFixed(2))).toEqual(["40.00", "80.01"]);
    expect(await accountBalance(h, "44571")).toBe("-20.00");
    expect(await accountBalance(h, "44574")).toBe("0.00");
    expect(await accountBalance(h, "411")).toBe("0.00");
    expect(await accountBalance(h, "512")).toBe("120.01");
    expect((await checkLedger(h.db)).problems).toEqual([]);
  });

  it("spreads one payment over several invoices and keeps the overpayment on the client account", async () => {
    const { client } = await seedBasics(h.db);
    const a = await issueSimple(h.db, client.id, "2026-03-01", "100.00");
    const b = await issueSimple(h.db, client.id, "2026-03-02", "50.00");
    const result = await recordPayment(h.db, {
      clientId: client.id,
      method: "transfer",
      receivedOn: "2026-03-30",
      amount: d("200.00"),
      allocations: [{ invoiceId: a.id, amount: d("120.00") }, { invoiceId: b.id, amount: d("60.00") }],
      actor: "t",
      channel: "test",
    });
    expect(result.unallocated.toFixed(2)).toBe("20.00");
    expect(result.allocations.map((x) => x.status)).toEqual(["paid", "paid"]);
    expect(await accountBalance(h, "411")).toBe("-20.00");
    expect((await checkLedger(h.db)).ok).toBe(true);
  });

  it("refuses to allocate more than the balance of an invoice and changes nothing", async () => {
    const { client } = await seedBasics(h.db);
    const inv = await issueSimple(h.db, client.id, "2026-03-01", "100.00");
    const error = await recordPayment(h.db, { clientId: client.id, method: "transfer", receivedOn: "2026-03-15", amount: d("130.00"), allocations: [{ invoiceId: inv.id, amount: d("130.00") }], actor: "t", channel: "test" }).catch((e: unknown) => e);
    expect((error as RuleError).code).toBe("over_allocation");
    expect(await h.db.select().from(payments)).toHaveLength(0);
    expect((await getInvoice(h.db, inv.id)).invoice.amountPaid.equals(ZERO)).toBe(true);
  });

  it("books a deposit, a final invoice deducting it and a credit note, and the ledger checks clean", async () => {
    const { client, contract } = await seedBasics(h.db);
    const deposit = await issueSimple(h.db, client.id, "2026-01-10", "3000.00", { kind: "deposit", contractId: contract.id, lines: [line("3000.00", { label: "Acompte 30 %", scheduleItemIndex: 0 })] });
    await recordPayment(h.db, { clientId: client.id, method: "transfer", receivedOn: "2026-01-20", amount: d("3600.00"), allocations: [{ invoiceId: deposit.id, amount: d("3600.00") }], actor: "t", channel: "test" });
    const { invoice: finalDraft } = await createDraftInvoice(h.db, {
      kind: "invoice",
      clientId: client.id,
      contractId: contract.id,
      issueDate: "2026-05-31",
      lines: [line("10000.00", { label: "Refonte — solde", scheduleItemIndex: 1 }), line("-3000.00", { label: "Acompte déduit", deductsInvoiceId: deposit.id })],
      createdBy: "t",
    });
    const final = (await issueInvoice(h.db, { invoiceId: finalDraft.id, actor: "t", channel: "test" })).invoice;
    expect(final.amountDue.toFixed(2)).toBe("8400.00");
    const { invoice: cnDraft } = await createDraftInvoice(h.db, {
      kind: "credit_note",
      clientId: client.id,
      issueDate: "2026-06-05",
      lines: [line("-500.00", { label: "Remise commerciale" })],
      correctsInvoiceId: final.id,
      correctionReason: "Geste commercial",
      createdBy: "t",
    });
    const cn = (await issueInvoice(h.db, { invoiceId: cnDraft.id, actor: "t", channel: "test" })).invoice;
    expect(cn.number).toBe("AV-2026-00001");
    expect(await accountBalance(h, "4191")).toBe("0.00");
    expect(await accountBalance(h, "706")).toBe("-9500.00");
    const doc = await loadInvoiceDocument(h.db, final.number ?? "");
    expect(doc.deductedDeposits.map((x) => [x.number, x.amountDue.toFixed(2)])).toEqual([[deposit.number, "3600.00"]]);
    expect(doc.lines[1]?.deducts?.number).toBe(deposit.number);
    expect(doc.totals.amountDue.toFixed(2)).toBe("8400.00");
    const cnDoc = await loadInvoiceDocument(h.db, cn.id);
    expect(cnDoc.corrects).toEqual({ number: final.number, issueDate: "2026-05-31", reason: "Geste commercial", scope: "partial" });
    const report = await checkLedger(h.db);
    expect(report.problems).toEqual([]);
    expect(report.counts).toMatchObject({ entries: 4, invoices: 3, payments: 1 });
    expect(await h.db.select().from(ledgerEntries)).toHaveLength(4);
  });
});
