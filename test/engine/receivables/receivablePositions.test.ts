import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../engine/dates/plainDate.js";
import { Decimal, sum, toAmountString, ZERO } from "../../../engine/money/money.js";
import { invoicedRevenue } from "../../../engine/receivables/invoicedRevenue.js";
import { invoiceReceivable, type ReceivablePosition, receivableOfPosition } from "../../../engine/receivables/invoiceReceivable.js";
import type { PaymentAllocation, ReceivableDocument } from "../../../engine/receivables/receivableDocument.js";
import { receivablesAsOf } from "../../../engine/receivables/receivablesAsOf.js";
import { receivablesSummaryToWire, summarizeReceivablePositions, summarizeReceivables } from "../../../engine/receivables/receivablesSummary.js";
import { lastDays } from "../../../engine/receivables/reportingPeriod.js";
import { avoir, inv, pay } from "./fixtures.js";

const ASOF = "2026-03-31";

/** What the database pre-aggregates: per invoice, payments and credit notes as of `asOf`. */
function positionsOf(documents: readonly ReceivableDocument[], allocations: readonly PaymentAllocation[], asOf: string): ReceivablePosition[] {
  return documents
    .filter((d) => d.kind !== "credit_note")
    .map((invoice) => ({
      invoice,
      paid: sum(allocations.filter((a) => a.invoiceId === invoice.id && a.date <= asOf).map((a) => a.amount)),
      credited: sum(documents.filter((c) => c.kind === "credit_note" && c.correctsInvoiceId === invoice.id && c.issueDate <= asOf).map((c) => c.amountDue.negated())),
    }));
}

describe("receivableOfPosition", () => {
  it("gives the same receivable as invoiceReceivable from the summed payments and credit notes", () => {
    const invoice = inv("1", { amountDue: "1200.00", dueDate: "2026-02-28" });
    const fromLists = invoiceReceivable(invoice, [pay("1", "300.00", "2026-02-01"), pay("1", "100.00", "2026-04-10")], [avoir("c", "1", "200.00", "2026-02-15")], ASOF);
    const fromTotals = receivableOfPosition({ invoice, paid: new Decimal("300.00"), credited: new Decimal("200.00") }, ASOF);
    expect(fromTotals).toEqual(fromLists);
    expect(toAmountString(fromTotals.outstanding)).toBe("700.00");
    expect(fromTotals.status).toBe("overdue");
    expect(fromTotals.daysOverdue).toBe(31);
  });

  it("refuses a credit note", () => {
    expect(() => receivableOfPosition({ invoice: avoir("c", "1", "10.00"), paid: ZERO, credited: ZERO }, ASOF)).toThrow(RangeError);
  });
});

describe("summarizeReceivablePositions", () => {
  const day = fc.integer({ min: -200, max: 60 }).map((n) => addDays(ASOF, n));
  const cents = fc.integer({ min: 1, max: 2_000_000 }).map((n) => new Decimal(n).dividedBy(100));
  const ledger = fc
    .array(
      fc.record({ issue: day, term: fc.integer({ min: 0, max: 60 }), amount: cents, disputed: fc.boolean(), client: fc.constantFrom("a", "b", "c"), paidShares: fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), day), { maxLength: 3 }), credit: fc.option(fc.tuple(fc.integer({ min: 1, max: 100 }), day)) }),
      { maxLength: 25 },
    )
    .map((rows) => {
      const documents: ReceivableDocument[] = [];
      const allocations: PaymentAllocation[] = [];
      rows.forEach((r, i) => {
        const id = String(i + 1);
        documents.push({ ...inv(id, { issueDate: r.issue, dueDate: addDays(r.issue, r.term), clientId: r.client, clientName: r.client.toUpperCase(), disputed: r.disputed }), amountDue: r.amount });
        for (const [percent, date] of r.paidShares) allocations.push({ invoiceId: id, amount: r.amount.times(percent).dividedBy(100).toDecimalPlaces(2).plus("0.01"), date });
        if (r.credit) {
          const [percent, date] = r.credit;
          documents.push({ ...avoir(`c${id}`, id, r.amount.times(percent).dividedBy(100).toDecimalPlaces(2).plus("0.01").toFixed(2), date, r.client) });
        }
      });
      return { documents, allocations };
    });

  it("gives the same aging, KPIs, alerts and dunning as summarizeReceivables, from only the open invoices and those due in the period", () => {
    fc.assert(
      fc.property(ledger, ({ documents, allocations }) => {
        const period = lastDays(ASOF);
        const reference = receivablesSummaryToWire(summarizeReceivables(documents, allocations, ASOF));
        const open = new Set(receivablesAsOf(documents, allocations, ASOF).filter((r) => !r.outstanding.isZero() || (r.dueDate >= period.from && r.dueDate <= period.to)).map((r) => r.invoiceId));
        const positions = positionsOf(documents, allocations, ASOF).filter((p) => open.has(p.invoice.id));
        const { invoices, ...figures } = receivablesSummaryToWire(summarizeReceivablePositions(positions, ASOF, { revenue: invoicedRevenue(documents, period) }));
        const { invoices: allInvoices, ...referenceFigures } = reference;
        expect(figures).toEqual(referenceFigures);
        expect(invoices).toEqual(allInvoices.filter((r) => open.has(r.invoiceId)));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the last reminder sent on each invoice for its dunning step", () => {
    const invoice = inv("1", { amountDue: "500.00", dueDate: "2026-02-01" });
    const summary = summarizeReceivablePositions([{ invoice, paid: ZERO, credited: ZERO }], ASOF, {
      revenue: new Decimal("500.00"),
      reminders: [
        { invoiceId: "1", level: "r1", date: "2026-02-08" },
        { invoiceId: "1", level: "r2", date: "2026-02-16" },
      ],
    });
    expect(summary.dunning[0]?.lastSent).toEqual({ level: "r2", date: "2026-02-16" });
    expect(summary.dunning[0]?.step.dueNow).toBe("r3");
    expect(toAmountString(summary.kpis.dso.revenue)).toBe("500.00");
  });
});
