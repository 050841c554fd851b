import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entryTotals } from "../../../engine/ledger/journalEntry.js";
import { creditNoteVatSplit, postInvoice } from "../../../engine/ledger/postInvoice.js";
import { Decimal, toAmountString } from "../../../engine/money/money.js";
import { computeTotals } from "../../../engine/vat/vatBreakdown.js";

const d = (s: string) => new Decimal(s);
const show = (entry: ReturnType<typeof postInvoice>) =>
  entry.lines.map((l) => [l.account, toAmountString(l.debit), toAmountString(l.credit)]);

describe("postInvoice", () => {
  it("posts an invoice as D 411 TTC / C 706 HT / C 44574 VAT", () => {
    const entry = postInvoice({ kind: "invoice", number: "F-2026-00001", issueDate: "2026-03-01", clientName: "Acme", netAmount: d("1000.00"), vatAmount: d("200.00"), amountDue: d("1200.00"), lines: [{ net: d("1000.00"), deductsDeposit: false }], vatOnDebits: false });
    expect(show(entry)).toEqual([
      ["411", "1200.00", "0.00"],
      ["706", "0.00", "1000.00"],
      ["44574", "0.00", "200.00"],
    ]);
  });

  it("posts a deposit to 4191 instead of 706", () => {
    const entry = postInvoice({ kind: "deposit", number: "F-2026-00002", issueDate: "2026-03-01", clientName: "Acme", netAmount: d("3000.00"), vatAmount: d("600.00"), amountDue: d("3600.00"), lines: [{ net: d("3000.00"), deductsDeposit: false }], vatOnDebits: false });
    expect(show(entry)).toEqual([
      ["411", "3600.00", "0.00"],
      ["4191", "0.00", "3000.00"],
      ["44574", "0.00", "600.00"],
    ]);
  });

  it("posts a final invoice that deducts a deposit: D 4191 for the deposit, C 706 for the whole work", () => {
    const entry = postInvoice({ kind: "invoice", number: "F-2026-00003", issueDate: "2026-06-01", clientName: "Acme", netAmount: d("7000.00"), vatAmount: d("1400.00"), amountDue: d("8400.00"), lines: [{ net: d("10000.00"), deductsDeposit: false }, { net: d("-3000.00"), deductsDeposit: true }], vatOnDebits: false });
    expect(show(entry)).toEqual([
      ["411", "8400.00", "0.00"],
      ["706", "0.00", "10000.00"],
      ["4191", "3000.00", "0.00"],
      ["44574", "0.00", "1400.00"],
    ]);
  });

  it("posts a credit note as the exact reverse", () => {
    const entry = postInvoice({ kind: "credit_note", number: "AV-2026-00001", issueDate: "2026-06-02", clientName: "Acme", netAmount: d("-500.00"), vatAmount: d("-100.00"), amountDue: d("-600.00"), lines: [{ net: d("-500.00"), deductsDeposit: false }], vatOnDebits: false });
    expect(show(entry)).toEqual([
      ["411", "0.00", "600.00"],
      ["706", "500.00", "0.00"],
      ["44574", "100.00", "0.00"],
    ]);
  });

  it("posts VAT straight to 44571 when the seller opted for debits", () => {
    const entry = postInvoice({ kind: "invoice", number: "F-1", issueDate: "2026-03-01", clientName: "Acme", netAmount: d("10.00"), vatAmount: d("2.00"), amountDue: d("12.00"), lines: [{ net: d("10.00"), deductsDeposit: false }], vatOnDebits: true });
    expect(entry.lines.map((l) => l.account)).toEqual(["411", "706", "44571"]);
  });

  it("always balances, whatever the lines and deductions", () => {
    const cents = fc.integer({ min: -5_000_000, max: 5_000_000 }).map((c) => new Decimal(c).dividedBy(100));
    fc.assert(
      fc.property(fc.array(fc.record({ net: cents, deductsDeposit: fc.boolean() }), { minLength: 1, maxLength: 8 }), (lines) => {
        const totals = computeTotals(lines.map((l) => ({ net: l.net, vatRate: "20" as const })));
        if (totals.amountDue.isZero()) return;
        const entry = postInvoice({ kind: totals.netAmount.isNegative() ? "credit_note" : "invoice", number: "X", issueDate: "2026-01-01", clientName: "c", netAmount: totals.netAmount, vatAmount: totals.vatAmount, amountDue: totals.amountDue, lines, vatOnDebits: false });
        const { debit, credit } = entryTotals(entry);
        expect(debit.equals(credit)).toBe(true);
      }),
    );
  });
});

describe("creditNoteVatSplit", () => {
  it("takes the credit note's VAT from what is still pending first, then from the VAT already due", () => {
    expect(creditNoteVatSplit(d("200.00"), d("100.00"))).toEqual({ fromPending: d("100.00"), fromCollected: d("100.00") });
    expect(creditNoteVatSplit(d("100.00"), d("100.00"))).toEqual({ fromPending: d("100.00"), fromCollected: d("0") });
    expect(creditNoteVatSplit(d("50.00"), d("0"))).toEqual({ fromPending: d("0"), fromCollected: d("50.00") });
    expect(creditNoteVatSplit(d("50.00"), d("-10.00"))).toEqual({ fromPending: d("0"), fromCollected: d("50.00") });
  });

  it("never loses nor invents a cent", () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).dividedBy(100));
    fc.assert(
      fc.property(cents, cents, (vat, pending) => {
        const split = creditNoteVatSplit(vat, pending);
        expect(split.fromPending.plus(split.fromCollected).equals(vat)).toBe(true);
        expect(split.fromPending.lessThanOrEqualTo(pending)).toBe(true);
        expect(split.fromCollected.isNegative()).toBe(false);
      }),
    );
  });
});

describe("postInvoice — credit note after a payment", () => {
  it("reverses the VAT already due from 44571 and the rest from 44574", () => {
    const entry = postInvoice({
      kind: "credit_note",
      number: "AV-2026-00002",
      issueDate: "2026-06-02",
      clientName: "Acme",
      netAmount: d("-1000.00"),
      vatAmount: d("-200.00"),
      amountDue: d("-1200.00"),
      lines: [{ net: d("-1000.00"), deductsDeposit: false }],
      vatOnDebits: false,
      vatReversedFromCollected: d("100.00"),
    });
    expect(show(entry)).toEqual([
      ["411", "0.00", "1200.00"],
      ["706", "1000.00", "0.00"],
      ["44574", "100.00", "0.00"],
      ["44571", "100.00", "0.00"],
    ]);
  });

  it("refuses to take back from 44571 more than the credit note's VAT", () => {
    const post = () =>
      postInvoice({
        kind: "credit_note",
        number: "AV-1",
        issueDate: "2026-06-02",
        clientName: "Acme",
        netAmount: d("-10.00"),
        vatAmount: d("-2.00"),
        amountDue: d("-12.00"),
        lines: [{ net: d("-10.00"), deductsDeposit: false }],
        vatOnDebits: false,
        vatReversedFromCollected: d("2.01"),
      });
    expect(post).toThrow(/vatReversedFromCollected : avoir AV-1/);
  });
});
