import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import { checkLedger } from "../../../db/ledger/checkLedger.js";
import { invoiceVatPosition } from "../../../db/ledger/invoiceVatPosition.js";
import { writeJournalEntry } from "../../../db/ledger/writeJournalEntry.js";
import { statusAfterCredit } from "../../../db/repositories/creditNotes.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { getInvoice } from "../../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { loadInvoiceDocument } from "../../../db/repositories/loadInvoiceDocument.js";
import { recordPayment } from "../../../db/repositories/recordPayment.js";
import { invoices, ledgerEntries, ledgerLines, payments } from "../../../db/schema/index.js";
import type { RuleError } from "../../../engine/errors.js";
import { Decimal, ZERO } from "../../../engine/money/money.js";
import { testBackends } from "../backends.js";
import { issueSimple, line, seedBasics } from "../fixtures.js";

const d = (s: string) => new Decimal(s);

/** Signed (debit − credit) balances per account of one entry. */
async function entryBalances(h: OpenedDatabase, invoiceId: number): Promise<Record<string, string>> {
  const [entry] = await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.invoiceId, invoiceId));
  const lines = await h.db.select().from(ledgerLines).where(eq(ledgerLines.entryId, entry!.id));
  const out: Record<string, string> = {};
  for (const l of lines) out[l.account] = d(out[l.account] ?? "0").plus(d(l.debit)).minus(d(l.credit)).toFixed(2);
  return out;
}

async function clientBalance(h: OpenedDatabase): Promise<string> {
  const rows = await h.db.select().from(ledgerLines).where(eq(ledgerLines.account, "411"));
  return rows.reduce((acc, r) => acc.plus(d(r.debit)).minus(d(r.credit)), ZERO).toFixed(2);
}

describe.each(testBackends())("credit notes and the corrected invoice — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  /** An invoice of 1 000.00 HT, 200.00 TVA, 1 200.00 TTC issued on 1 March. */
  async function seedInvoice() {
    const { client } = await seedBasics(h.db);
    const invoice = await issueSimple(h.db, client.id, "2026-03-01", "1000.00");
    return { client, invoice };
  }

  async function creditNote(clientId: number, invoiceId: number, net: string, issueDate = "2026-03-20") {
    const { invoice: draft } = await createDraftInvoice(h.db, {
      kind: "credit_note",
      clientId,
      issueDate,
      lines: [line(net, { label: "Avoir" })],
      correctsInvoiceId: invoiceId,
      correctionReason: "Prestation non réalisée",
      createdBy: "test",
    });
    return (await issueInvoice(h.db, { invoiceId: draft.id, actor: "test", channel: "test" })).invoice;
  }

  const pay = (clientId: number, invoiceId: number, amount: string, receivedOn = "2026-03-10") =>
    recordPayment(h.db, { clientId, amount: d(amount), receivedOn, method: "transfer", allocations: [{ invoiceId, amount: d(amount) }], actor: "test", channel: "test" });

  it("marks an unpaid invoice credited in full as « credited » and reverses its VAT from 44574 only", async () => {
    const { client, invoice } = await seedInvoice();
    const avoir = await creditNote(client.id, invoice.id, "-1000.00");
    expect(await entryBalances(h, avoir.id)).toEqual({ "411": "-1200.00", "706": "1000.00", "44574": "200.00" });
    const stored = (await getInvoice(h.db, invoice.id)).invoice;
    expect(stored.status).toBe("credited");
    expect(stored.cancelledAt).not.toBeNull();
    expect(await invoiceVatPosition(h.db, invoice.id)).toEqual({ pending: d("0"), collected: d("0") });
    expect(await clientBalance(h)).toBe("0.00");
    expect((await loadInvoiceDocument(h.db, avoir.id)).corrects?.scope).toBe("total");
    expect(await checkLedger(h.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("takes back from 44571 the VAT a payment had made due, and marks an invoice half paid then credited in full « paid » with the client in credit", async () => {
    const { client, invoice } = await seedInvoice();
    await pay(client.id, invoice.id, "600.00");
    expect(await invoiceVatPosition(h.db, invoice.id)).toEqual({ pending: d("100.00"), collected: d("100.00") });
    const avoir = await creditNote(client.id, invoice.id, "-1000.00");
    expect(await entryBalances(h, avoir.id)).toEqual({ "411": "-1200.00", "706": "1000.00", "44574": "100.00", "44571": "100.00" });
    expect((await getInvoice(h.db, invoice.id)).invoice.status).toBe("paid");
    expect(await invoiceVatPosition(h.db, invoice.id)).toEqual({ pending: d("0"), collected: d("0") });
    expect(await clientBalance(h)).toBe("-600.00");
    expect(await checkLedger(h.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("settles a half-paid invoice with a credit note for the rest: « paid », VAT of what was cashed left in 44571", async () => {
    const { client, invoice } = await seedInvoice();
    await pay(client.id, invoice.id, "600.00");
    const avoir = await creditNote(client.id, invoice.id, "-500.00");
    expect(await entryBalances(h, avoir.id)).toEqual({ "411": "-600.00", "706": "500.00", "44574": "100.00" });
    expect((await getInvoice(h.db, invoice.id)).invoice.status).toBe("paid");
    expect(await invoiceVatPosition(h.db, invoice.id)).toEqual({ pending: d("0"), collected: d("100.00") });
    expect((await loadInvoiceDocument(h.db, avoir.id)).corrects?.scope).toBe("partial");
    expect(await checkLedger(h.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("leaves a partly credited invoice open, reduces what it owes, and lets the last payment make exactly the rest of the VAT due", async () => {
    const { client, invoice } = await seedInvoice();
    await creditNote(client.id, invoice.id, "-250.00");
    expect((await getInvoice(h.db, invoice.id)).invoice.status).toBe("issued");
    expect(await invoiceVatPosition(h.db, invoice.id)).toEqual({ pending: d("150.00"), collected: d("0") });

    const refused = await pay(client.id, invoice.id, "900.01").catch((e: unknown) => e);
    expect((refused as RuleError).code).toBe("over_allocation");
    expect(await h.db.select().from(payments)).toEqual([]);
    expect((await getInvoice(h.db, invoice.id)).invoice).toMatchObject({ status: "issued", amountPaid: ZERO });

    const partial = await pay(client.id, invoice.id, "300.00");
    expect(partial.allocations[0]).toMatchObject({ status: "partially_paid", outstandingAfter: d("600.00") });
    expect(await invoiceVatPosition(h.db, invoice.id)).toEqual({ pending: d("100.00"), collected: d("50.00") });
    const last = await pay(client.id, invoice.id, "600.00", "2026-03-25");
    expect(last.allocations[0]).toMatchObject({ status: "paid", outstandingAfter: d("0") });
    expect(await invoiceVatPosition(h.db, invoice.id)).toEqual({ pending: d("0"), collected: d("150.00") });
    expect(await clientBalance(h)).toBe("0.00");
    expect(await checkLedger(h.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("reports an invoice whose VAT made due in 44571 exceeds its VAT", async () => {
    const { client, invoice } = await seedInvoice();
    await pay(client.id, invoice.id, "1200.00");
    await h.db.transaction((tx) =>
      writeJournalEntry(
      tx,
      {
        journal: "VE",
        kind: "invoice",
        date: "2026-03-31",
        label: "Transfert de TVA erroné",
        lines: [
          { account: "44574", label: "x", debit: d("0.01"), credit: ZERO, invoiceId: invoice.id },
          { account: "44571", label: "x", debit: ZERO, credit: d("0.01"), invoiceId: invoice.id },
        ],
      },
      {},
      ),
    );
    const report = await checkLedger(h.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ check: "invoice_vat", subject: "facture F-2026-00001", expected: "entre 0.00 et 200.00", found: "200.01" }),
    );
  });

  it("refuses to pay an invoice cancelled by a credit note, and changes nothing", async () => {
    const { client, invoice } = await seedInvoice();
    await creditNote(client.id, invoice.id, "-1000.00");
    const before = await h.db.execute(sql`select count(*)::int as n from ledger_lines`);
    const refused = await pay(client.id, invoice.id, "0.01").catch((e: unknown) => e);
    expect((refused as RuleError).code).toBe("over_allocation");
    expect(await h.db.execute(sql`select count(*)::int as n from ledger_lines`)).toEqual(before);
    expect((await h.db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, invoice.id)))[0]?.status).toBe("credited");
  });
});

describe("statusAfterCredit", () => {
  it("says credited, paid, partially paid or the issued state from what is left to pay", () => {
    expect(statusAfterCredit("issued", d("1200.00"), d("1200.00"), ZERO)).toBe("credited");
    expect(statusAfterCredit("partially_paid", d("1200.00"), d("1200.00"), d("600.00"))).toBe("paid");
    expect(statusAfterCredit("partially_paid", d("1200.00"), d("600.00"), d("600.00"))).toBe("paid");
    expect(statusAfterCredit("partially_paid", d("1200.00"), d("300.00"), d("600.00"))).toBe("partially_paid");
    expect(statusAfterCredit("sent", d("1200.00"), d("300.00"), ZERO)).toBe("sent");
    expect(statusAfterCredit("issued", d("1200.00"), d("1199.99"), ZERO)).toBe("issued");
  });
});
