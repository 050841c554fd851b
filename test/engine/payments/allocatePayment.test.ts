import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleError, InputError } from "../../../engine/errors.js";
import { Decimal, sum, toAmountString } from "../../../engine/money/money.js";
import { allocatePayment, allocatePaymentWire, paymentAllocationPlanToWire } from "../../../engine/payments/allocatePayment.js";
import type { OpenInvoice } from "../../../engine/payments/openInvoice.js";

const d = (s: string | number) => new Decimal(s);
const open = (invoiceId: string, dueDate: string, outstanding: string, extra: Partial<OpenInvoice> = {}): OpenInvoice => ({
  invoiceId,
  number: `F-${invoiceId}`,
  clientId: "acme",
  clientName: "Acme",
  issueDate: "2026-01-01",
  dueDate,
  outstanding: d(outstanding),
  ...extra,
});
const invoices = () => [open("b", "2026-03-01", "500.00"), open("a", "2026-02-01", "300.00"), open("c", "2026-04-01", "200.00"), open("x", "2026-01-01", "999.00", { clientId: "other" })];
const payment = (amount: string) => ({ clientId: "acme", amount: d(amount), date: "2026-04-10" });

describe("allocatePayment", () => {
  it("pays the oldest due invoices first and leaves the last one partially paid", () => {
    const r = allocatePayment(payment("650.00"), invoices());
    expect(r.ok && paymentAllocationPlanToWire(r.value)).toEqual({
      allocations: [
        { invoiceId: "a", number: "F-a", amount: "300.00", outstandingAfter: "0.00" },
        { invoiceId: "b", number: "F-b", amount: "350.00", outstandingAfter: "150.00" },
      ],
      unallocated: "0.00",
    });
  });

  it("keeps an overpayment as an unallocated credit (trop-perçu)", () => {
    const r = allocatePayment(payment("1000.01"), invoices());
    expect(r.ok && r.value.allocations.map((a) => toAmountString(a.amount))).toEqual(["300.00", "500.00", "200.00"]);
    expect(r.ok && toAmountString(r.value.unallocated)).toBe("0.01");
  });

  it("skips disputed invoices in automatic mode", () => {
    const r = allocatePayment(payment("300.00"), [open("a", "2026-02-01", "300.00", { disputed: true }), open("b", "2026-03-01", "500.00")]);
    expect(r.ok && r.value.allocations.map((a) => [a.invoiceId, toAmountString(a.amount)])).toEqual([["b", "300.00"]]);
  });

  it("applies an explicit split and keeps the rest unallocated", () => {
    const r = allocatePayment(payment("400.00"), invoices(), [
      { invoiceId: "c", amount: d("200.00") },
      { invoiceId: "b", amount: d("100.00") },
    ]);
    expect(r.ok && paymentAllocationPlanToWire(r.value)).toEqual({
      allocations: [
        { invoiceId: "c", number: "F-c", amount: "200.00", outstandingAfter: "0.00" },
        { invoiceId: "b", number: "F-b", amount: "100.00", outstandingAfter: "400.00" },
      ],
      unallocated: "100.00",
    });
  });

  it("refuses to allocate more than an invoice's outstanding amount, naming the field", () => {
    const r = allocatePayment(payment("1000.00"), invoices(), [{ invoiceId: "a", amount: d("300.01") }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(RuleError);
    expect(r.error.message).toBe("explicit[0].amount : dépasse le reste dû de la facture F-a (300,00\u00a0€)");
  });

  it("refuses an explicit split larger than the payment", () => {
    const r = allocatePayment(payment("250.00"), invoices(), [
      { invoiceId: "a", amount: d("200.00") },
      { invoiceId: "b", amount: d("50.01") },
    ]);
    expect(!r.ok && r.error.message).toBe("explicit : le total réparti (250,01\u00a0€) dépasse le paiement (250,00\u00a0€)");
  });

  it("refuses another client's invoice, an unknown one, a duplicate and a non-positive amount", () => {
    const refusal = (explicit: { invoiceId: string; amount: Decimal }[]) => {
      const r = allocatePayment(payment("100.00"), invoices(), explicit);
      return r.ok ? "accepted" : `${r.error.constructor.name}: ${r.error.field}`;
    };
    expect(refusal([{ invoiceId: "x", amount: d("1") }])).toBe("RuleError: explicit[0].invoiceId");
    expect(refusal([{ invoiceId: "zz", amount: d("1") }])).toBe("InputError: explicit[0].invoiceId");
    expect(refusal([{ invoiceId: "a", amount: d("1") }, { invoiceId: "a", amount: d("1") }])).toBe("InputError: explicit[1].invoiceId");
    expect(refusal([{ invoiceId: "a", amount: d("0") }])).toBe("InputError: explicit[0].amount");
    expect(refusal([{ invoiceId: "a", amount: d("0.001") }])).toBe("InputError: explicit[0].amount");
  });

  it("refuses a zero, negative or sub-cent payment", () => {
    for (const amount of ["0", "-5.00", "1.005"]) {
      const r = allocatePayment(payment(amount), invoices());
      expect(!r.ok && r.error).toBeInstanceOf(InputError);
    }
  });

  it("leaves everything unallocated when the client has nothing open", () => {
    const r = allocatePayment({ ...payment("80.00"), clientId: "nobody" }, invoices());
    expect(r.ok && r.value.allocations).toEqual([]);
    expect(r.ok && toAmountString(r.value.unallocated)).toBe("80.00");
  });

  it("never loses a cent and never over-allocates an invoice (property)", () => {
    const cents = (max: number) => fc.integer({ min: 1, max }).map((c) => d(c).dividedBy(100));
    fc.assert(
      fc.property(
        cents(5_000_000),
        fc.array(fc.tuple(cents(2_000_000), fc.integer({ min: 0, max: 400 })), { maxLength: 15 }),
        (amount, specs) => {
          const opens = specs.map(([outstanding, offset], i) => open(`i${i}`, `2026-0${1 + (offset % 9)}-1${offset % 10}`, outstanding.toString()));
          const r = allocatePayment(payment(amount.toString()), opens);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(sum(r.value.allocations.map((a) => a.amount)).plus(r.value.unallocated).equals(amount)).toBe(true);
          expect(r.value.unallocated.isNegative()).toBe(false);
          for (const a of r.value.allocations) {
            const inv = opens.find((o) => o.invoiceId === a.invoiceId);
            expect(a.amount.greaterThan(0)).toBe(true);
            expect(inv && a.amount.lessThanOrEqualTo(inv.outstanding)).toBe(true);
            expect(a.outstandingAfter.isNegative()).toBe(false);
          }
          // something stays unallocated only when every open invoice is fully paid
          if (!r.value.unallocated.isZero()) expect(r.value.allocations.every((a) => a.outstandingAfter.isZero())).toBe(true);
          expect(r.value.allocations.length).toBeLessThanOrEqual(opens.length);
        },
      ),
    );
  });
});

describe("allocatePaymentWire", () => {
  const openWire = { invoiceId: "a", number: "F-a", clientId: "acme", clientName: "Acme", issueDate: "2026-01-01", dueDate: "2026-02-01", outstanding: "300.00" };

  it("allocates from decimal strings and answers in decimal strings", () => {
    const r = allocatePaymentWire({ payment: { clientId: "acme", amount: "350.00", date: "2026-03-01" }, openInvoices: [openWire] });
    expect(r).toEqual({ ok: true, value: { allocations: [{ invoiceId: "a", number: "F-a", amount: "300.00", outstandingAfter: "0.00" }], unallocated: "50.00" } });
  });

  it("refuses a float amount, naming the field, and passes rule refusals through", () => {
    const bad = allocatePaymentWire({ payment: { clientId: "acme", amount: 350, date: "2026-03-01" }, openInvoices: [openWire] });
    expect(!bad.ok && bad.error.message).toMatch(/^payment\.amount : /);
    const over = allocatePaymentWire({ payment: { clientId: "acme", amount: "350.00", date: "2026-03-01" }, openInvoices: [openWire], explicit: [{ invoiceId: "a", amount: "300.01" }] });
    expect(!over.ok && over.error).toBeInstanceOf(RuleError);
  });
});
