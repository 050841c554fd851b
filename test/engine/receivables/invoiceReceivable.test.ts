import { describe, expect, it } from "vitest";
import { toAmountString } from "../../../engine/money/money.js";
import { invoiceReceivable } from "../../../engine/receivables/invoiceReceivable.js";
import { receivablesAsOf } from "../../../engine/receivables/receivablesAsOf.js";
import { InputError } from "../../../engine/errors.js";
import { avoir, inv, pay } from "./fixtures.js";

describe("invoiceReceivable", () => {
  it("is unpaid with the whole amount outstanding before any payment, not late on the due date", () => {
    const r = invoiceReceivable(inv("1"), [], [], "2026-01-31");
    expect(r.status).toBe("unpaid");
    expect(toAmountString(r.outstanding)).toBe("1000.00");
    expect(r.daysOverdue).toBe(0);
  });

  it("is overdue the day after the due date, with days overdue counted from the due date", () => {
    expect(invoiceReceivable(inv("1"), [], [], "2026-02-01")).toMatchObject({ status: "overdue", daysOverdue: 1 });
    expect(invoiceReceivable(inv("1"), [], [], "2026-03-02")).toMatchObject({ status: "overdue", daysOverdue: 30 });
  });

  it("is partially paid after a partial payment, with the rest outstanding to the cent", () => {
    const r = invoiceReceivable(inv("1"), [pay("1", "333.33"), pay("1", "0.01")], [], "2026-01-25");
    expect(r.status).toBe("partially_paid");
    expect(toAmountString(r.paid)).toBe("333.34");
    expect(toAmountString(r.outstanding)).toBe("666.66");
  });

  it("is overdue, not partially paid, when a partially paid invoice is late", () => {
    const r = invoiceReceivable(inv("1"), [pay("1", "400.00")], [], "2026-02-10");
    expect(r).toMatchObject({ status: "overdue", daysOverdue: 10 });
    expect(toAmountString(r.outstanding)).toBe("600.00");
  });

  it("is paid once payments cover the amount, and no longer late", () => {
    const r = invoiceReceivable(inv("1"), [pay("1", "600.00"), pay("1", "400.00", "2026-02-05")], [], "2026-02-10");
    expect(r).toMatchObject({ status: "paid", daysOverdue: 0 });
    expect(toAmountString(r.outstanding)).toBe("0.00");
  });

  it("ignores payments received after the as-of date", () => {
    const r = invoiceReceivable(inv("1"), [pay("1", "1000.00", "2026-02-05")], [], "2026-02-04");
    expect(r).toMatchObject({ status: "overdue", daysOverdue: 4 });
    expect(toAmountString(r.paid)).toBe("0.00");
  });

  it("reduces what is owed by the credit notes on the invoice, from their issue date", () => {
    const credit = avoir("c1", "1", "250.00", "2026-01-15");
    expect(toAmountString(invoiceReceivable(inv("1"), [], [credit], "2026-01-14").outstanding)).toBe("1000.00");
    const r = invoiceReceivable(inv("1"), [], [credit], "2026-01-15");
    expect(toAmountString(r.credited)).toBe("250.00");
    expect(toAmountString(r.outstanding)).toBe("750.00");
    expect(r.status).toBe("unpaid");
  });

  it("is paid when a credit note plus a payment cover the invoice", () => {
    const r = invoiceReceivable(inv("1"), [pay("1", "750.00")], [avoir("c1", "1", "250.00")], "2026-03-01");
    expect(r).toMatchObject({ status: "paid", daysOverdue: 0 });
  });

  it("reports an overpayment and never a negative outstanding amount", () => {
    const r = invoiceReceivable(inv("1"), [pay("1", "1000.50")], [], "2026-01-25");
    expect(toAmountString(r.outstanding)).toBe("0.00");
    expect(toAmountString(r.overpaid)).toBe("0.50");
  });

  it("keeps a disputed invoice counted, flagged", () => {
    const r = invoiceReceivable(inv("1", { disputed: true }), [], [], "2026-02-15");
    expect(r).toMatchObject({ status: "overdue", disputed: true, daysOverdue: 15 });
    expect(toAmountString(r.outstanding)).toBe("1000.00");
  });
});

describe("receivablesAsOf", () => {
  it("lists the invoices issued by the as-of date with their credit notes folded in", () => {
    const docs = [inv("2", { issueDate: "2026-02-01", dueDate: "2026-03-03" }), inv("1"), avoir("c1", "1", "100.00"), inv("3", { issueDate: "2026-04-01", dueDate: "2026-05-01" })];
    const rs = receivablesAsOf(docs, [pay("2", "100.00", "2026-02-10")], "2026-02-15");
    expect(rs.map((r) => [r.number, toAmountString(r.outstanding), r.status])).toEqual([
      ["F-1", "900.00", "overdue"],
      ["F-2", "900.00", "partially_paid"],
    ]);
  });

  it("refuses a payment on an unknown invoice, naming the field", () => {
    expect(() => receivablesAsOf([inv("1")], [pay("x", "1.00")], "2026-02-01")).toThrow(InputError);
    expect(() => receivablesAsOf([inv("1")], [pay("x", "1.00")], "2026-02-01")).toThrow("allocations[0].invoiceId : facture introuvable (x)");
  });

  it("refuses a credit note linked to no invoice or to another client's invoice", () => {
    expect(() => receivablesAsOf([inv("1"), avoir("c", "zz", "1.00")], [], "2026-02-01")).toThrow("documents[1].correctsInvoiceId");
    expect(() => receivablesAsOf([inv("1"), avoir("c", "1", "1.00", "2026-01-15", "other")], [], "2026-02-01")).toThrow("documents[1].clientId");
  });

  it("refuses duplicate ids and non-positive payments", () => {
    expect(() => receivablesAsOf([inv("1"), inv("1")], [], "2026-02-01")).toThrow("documents[1].id");
    expect(() => receivablesAsOf([inv("1")], [pay("1", "0")], "2026-02-01")).toThrow("allocations[0].amount");
  });
});
