import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entryTotals } from "../../../engine/ledger/journalEntry.js";
import { postPayment, vatShareOfPayment } from "../../../engine/ledger/postPayment.js";
import { Decimal, ZERO, sum, toAmountString } from "../../../engine/money/money.js";
import { RuleError } from "../../../engine/errors.js";

const d = (s: string) => new Decimal(s);

describe("postPayment", () => {
  it("posts D 512 / C 411 and transfers the paid share of VAT 44574 → 44571", () => {
    const entry = postPayment({
      date: "2026-04-01",
      label: "Virement",
      amount: d("600.00"),
      vatOnDebits: false,
      allocations: [{ number: "F-1", amount: d("600.00"), invoiceAmountDue: d("1200.00"), invoiceVatAmount: d("200.00"), paidBefore: ZERO, vatTransferredBefore: ZERO }],
    });
    expect(entry.lines.map((l) => [l.account, toAmountString(l.debit), toAmountString(l.credit)])).toEqual([
      ["512", "600.00", "0.00"],
      ["411", "0.00", "600.00"],
      ["44574", "100.00", "0.00"],
      ["44571", "0.00", "100.00"],
    ]);
  });

  it("leaves an overpayment on the client account as a 411 credit without an invoice", () => {
    const entry = postPayment({
      date: "2026-04-01",
      label: "Virement",
      amount: d("1300.00"),
      vatOnDebits: true,
      allocations: [{ number: "F-1", invoiceId: 7, amount: d("1200.00"), invoiceAmountDue: d("1200.00"), invoiceVatAmount: d("200.00"), paidBefore: ZERO, vatTransferredBefore: ZERO }],
    });
    expect(entry.lines.map((l) => [l.account, toAmountString(l.credit), l.invoiceId])).toEqual([
      ["512", "0.00", undefined],
      ["411", "1200.00", 7],
      ["411", "100.00", undefined],
    ]);
    expect(entryTotals(entry).debit.toFixed(2)).toBe("1300.00");
  });

  it("refuses allocations above the amount received", () => {
    expect(() =>
      postPayment({ date: "2026-04-01", label: "x", amount: d("10.00"), vatOnDebits: false, allocations: [{ number: "F-1", amount: d("11.00"), invoiceAmountDue: d("12.00"), invoiceVatAmount: d("2.00"), paidBefore: ZERO, vatTransferredBefore: ZERO }] }),
    ).toThrow(RuleError);
  });
});

describe("vatShareOfPayment", () => {
  it("transfers exactly the invoice's VAT over any sequence of partial payments, to the cent", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }), (netCents, weights) => {
        const net = new Decimal(netCents).dividedBy(100);
        const vat = net.times("0.2").toDecimalPlaces(2);
        const due = net.plus(vat);
        const dueCents = due.times(100).toNumber();
        if (dueCents < weights.length) return;
        // Split the due amount into payments proportional to the weights (last one takes the rest).
        const parts: Decimal[] = [];
        let rest = due;
        weights.forEach((w, i) => {
          const part = i === weights.length - 1 ? rest : due.times(w).dividedBy(sum(weights.map((x) => new Decimal(x))).times(1)).toDecimalPlaces(2, Decimal.ROUND_DOWN);
          const p = Decimal.min(part, rest);
          parts.push(p);
          rest = rest.minus(p);
        });
        let paid = ZERO;
        let transferred = ZERO;
        for (const p of parts.filter((x) => x.isPositive() && !x.isZero())) {
          const share = vatShareOfPayment({ number: "F", amount: p, invoiceAmountDue: due, invoiceVatAmount: vat, paidBefore: paid, vatTransferredBefore: transferred });
          expect(share.decimalPlaces()).toBeLessThanOrEqual(2);
          paid = paid.plus(p);
          transferred = transferred.plus(share);
        }
        expect(paid.equals(due)).toBe(true);
        expect(transferred.equals(vat)).toBe(true);
      }),
    );
  });
});
