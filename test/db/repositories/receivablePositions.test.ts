import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import type { Database } from "../../../db/database.js";
import { applyClientCredit } from "../../../db/repositories/clientCredit.js";
import { createClient } from "../../../db/repositories/clients.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { loadReceivablePositions } from "../../../db/repositories/receivablePositions.js";
import { loadReceivablesSnapshot } from "../../../db/repositories/receivablesSnapshot.js";
import { recordPayment } from "../../../db/repositories/recordPayment.js";
import { reminders } from "../../../db/schema/reminders.js";
import { Decimal, toAmountString } from "../../../engine/money/money.js";
import { receivablesSummaryToWire, summarizeReceivablePositions, summarizeReceivables } from "../../../engine/receivables/receivablesSummary.js";
import { testBackends } from "../backends.js";
import { issueSimple, line, seedBasics } from "../fixtures.js";

/**
 * A ledger with every case the pre-aggregation must get right, "today" being 2026-03-20 (period of 90
 * days: 2025-12-21 … 2026-03-20). Amounts TTC (VAT 20 %):
 * - old1 120,00 issued 2025-06-01, paid in full 2025-07-01: settled before the period (left out);
 * - old2 600,00 issued 2025-08-01, 200,00 paid, 120,00 credited: open (280,00), R1 then R2 sent;
 * - a1 1 200,00 issued 2026-01-05, due in the period, paid in full: in the recovery scope;
 * - a2 2 400,00 issued 2026-02-10, 1 000,00 paid on 2026-02-20 and 500,00 on 2026-04-01 (after asOf);
 * - b1 12 000,00 of another client issued 2026-03-10, nothing paid, a credit note of 1 200,00 on 2026-03-15;
 * - a4 240,00 issued after asOf (2026-03-25): not yet a receivable.
 */
async function seed(db: Database) {
  const { client: acme } = await seedBasics(db);
  const beta = await createClient(db, { name: "Bêta Conseil", addressLine1: "8 quai des Chartrons", postalCode: "33000", city: "Bordeaux", billingContacts: [{ email: "compta@beta.example" }] });
  const pay = (clientId: number, invoiceId: number, amount: string, receivedOn: string) =>
    recordPayment(db, { clientId, amount: new Decimal(amount), receivedOn, method: "transfer", allocations: [{ invoiceId, amount: new Decimal(amount) }], actor: "test", channel: "test" });
  const credit = async (clientId: number, invoiceId: number, issueDate: string, net: string) => {
    const { invoice } = await createDraftInvoice(db, {
      kind: "credit_note",
      clientId,
      issueDate,
      lines: [line(net, { label: "Remise" })],
      correctsInvoiceId: invoiceId,
      correctionReason: "remise accordée",
      createdBy: "test",
    });
    return (await issueInvoice(db, { invoiceId: invoice.id, actor: "test", channel: "test" })).invoice;
  };
  const old1 = await issueSimple(db, acme.id, "2025-06-01", "100.00");
  await pay(acme.id, old1.id, "120.00", "2025-07-01");
  const old2 = await issueSimple(db, acme.id, "2025-08-01", "500.00");
  await pay(acme.id, old2.id, "200.00", "2025-09-01");
  await credit(acme.id, old2.id, "2025-09-15", "-100.00");
  await db.insert(reminders).values([
    { invoiceId: old2.id, level: 1, remindedOn: "2025-10-01", recipient: "compta@acme.example", subject: "Relance", status: "sent", createdBy: "test" },
    { invoiceId: old2.id, level: 2, remindedOn: "2025-10-15", recipient: "compta@acme.example", subject: "Relance", status: "sent", createdBy: "test" },
  ]);
  const a1 = await issueSimple(db, acme.id, "2026-01-05", "1000.00");
  await pay(acme.id, a1.id, "1200.00", "2026-02-01");
  const a2 = await issueSimple(db, acme.id, "2026-02-10", "2000.00");
  await pay(acme.id, a2.id, "1000.00", "2026-02-20");
  await pay(acme.id, a2.id, "500.00", "2026-04-01");
  const b1 = await issueSimple(db, beta.id, "2026-03-10", "10000.00");
  await credit(beta.id, b1.id, "2026-03-15", "-1000.00");
  const a4 = await issueSimple(db, acme.id, "2026-03-25", "200.00");
  return { acme, beta, old1, old2, a1, a2, b1, a4 };
}

/** The summary through the full snapshot (every document and allocation), the reference. */
async function referenceWire(db: Database, asOf: string, clientId?: number) {
  const snapshot = await loadReceivablesSnapshot(db, { clientId });
  return receivablesSummaryToWire(summarizeReceivables(snapshot.documents, snapshot.allocations, asOf, { reminders: snapshot.reminders }));
}

async function positionsWire(db: Database, asOf: string, clientId?: number) {
  const { positions, revenue, reminders: sent } = await loadReceivablePositions(db, asOf, { clientId });
  return receivablesSummaryToWire(summarizeReceivablePositions(positions, asOf, { revenue, reminders: sent }));
}

describe.each(testBackends())("loadReceivablePositions — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("sums payments and credit notes per invoice as of the date, keeping only open invoices and those due in the period", async () => {
    const l = await seed(h.db);
    const { positions, revenue, reminders: sent } = await loadReceivablePositions(h.db, "2026-03-20");
    const byId = new Map(positions.map((p) => [p.invoice.id, p]));
    expect([...byId.keys()].sort()).toEqual([l.old2.id, l.a1.id, l.a2.id, l.b1.id].map(String).sort());
    expect(toAmountString(byId.get(String(l.old2.id))!.paid)).toBe("200.00");
    expect(toAmountString(byId.get(String(l.old2.id))!.credited)).toBe("120.00");
    expect(toAmountString(byId.get(String(l.a1.id))!.paid)).toBe("1200.00");
    expect(toAmountString(byId.get(String(l.a2.id))!.paid)).toBe("1000.00");
    expect(toAmountString(byId.get(String(l.b1.id))!.credited)).toBe("1200.00");
    expect(byId.get(String(l.b1.id))!.invoice.clientName).toBe("Bêta Conseil");
    // a1 1 200 + a2 2 400 + b1 12 000 − 1 200 (credit note of 2026-03-15); a4 is issued after the date.
    expect(toAmountString(revenue)).toBe("14400.00");
    expect(sent).toEqual([{ invoiceId: String(l.old2.id), level: "r2", date: "2025-10-15" }]);
  });

  it("gives the same aging, KPIs, alerts and dunning as the full snapshot, overall, for one client and at another date", async () => {
    const l = await seed(h.db);
    for (const [asOf, clientId] of [["2026-03-20", undefined], ["2026-03-20", l.acme.id], ["2026-03-20", l.beta.id], ["2026-04-30", undefined], ["2025-09-10", undefined]] as const) {
      const { invoices: allInvoices, dunning: allDunning, ...reference } = await referenceWire(h.db, asOf, clientId);
      const { invoices: someInvoices, dunning, ...figures } = await positionsWire(h.db, asOf, clientId);
      expect(figures).toEqual(reference);
      expect(dunning).toEqual(allDunning);
      // The invoices left out are settled and outside the period; those kept are identical.
      const kept = new Set(someInvoices.map((r) => r.invoiceId));
      expect(someInvoices).toEqual(allInvoices.filter((r) => kept.has(r.invoiceId)));
      expect(allInvoices.filter((r) => !kept.has(r.invoiceId)).every((r) => r.outstanding === "0.00")).toBe(true);
    }
  });

  it("keeps settled invoices too when asked, each with the same state as in the full snapshot", async () => {
    const l = await seed(h.db);
    for (const [asOf, clientId] of [["2026-03-20", undefined], ["2026-03-20", l.acme.id], ["2025-09-10", undefined]] as const) {
      const { positions } = await loadReceivablePositions(h.db, asOf, { clientId, includeSettled: true });
      const { invoices: reference } = await referenceWire(h.db, asOf, clientId);
      const { invoices } = receivablesSummaryToWire(summarizeReceivablePositions(positions, asOf, { revenue: new Decimal(0) }));
      expect(invoices).toEqual(reference);
    }
    const { positions } = await loadReceivablePositions(h.db, "2026-03-20", { includeSettled: true });
    const old1 = positions.find((p) => p.invoice.id === String(l.old1.id));
    expect(old1 && toAmountString(old1.paid)).toBe("120.00");
    expect(positions.map((p) => p.invoice.id)).not.toContain(String(l.a4.id));
  });

  it("counts a client credit imputed on an invoice from the day it was imputed, not the day it was received", async () => {
    const { client } = await seedBasics(h.db);
    const first = await issueSimple(h.db, client.id, "2026-01-10", "1000.00");
    await recordPayment(h.db, { clientId: client.id, amount: new Decimal("1500.00"), receivedOn: "2026-02-01", method: "transfer", allocations: [{ invoiceId: first.id, amount: new Decimal("1200.00") }], actor: "test", channel: "test" });
    const second = await issueSimple(h.db, client.id, "2026-02-15", "500.00");
    await applyClientCredit(h.db, { clientId: client.id, allocations: [{ invoiceId: second.id, amount: new Decimal("300.00") }], appliedOn: "2026-03-25", actor: "test", channel: "test" });
    for (const [asOf, paid] of [["2026-03-20", "0.00"], ["2026-03-31", "300.00"]] as const) {
      const { positions } = await loadReceivablePositions(h.db, asOf, { includeSettled: true });
      expect(toAmountString(positions.find((p) => p.invoice.id === String(second.id))!.paid), asOf).toBe(paid);
      const { invoices: reference } = await referenceWire(h.db, asOf);
      const { invoices } = receivablesSummaryToWire(summarizeReceivablePositions(positions, asOf, { revenue: new Decimal(0) }));
      expect(invoices).toEqual(reference);
    }
  });

  it("returns nothing to sum on an empty ledger", async () => {
    const { positions, revenue, reminders: sent } = await loadReceivablePositions(h.db, "2026-03-20");
    expect(positions).toEqual([]);
    expect(toAmountString(revenue)).toBe("0.00");
    expect(sent).toEqual([]);
  });
});
