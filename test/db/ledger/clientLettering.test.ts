import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import type { Database } from "../../../db/database.js";
import { loadClientLettering } from "../../../db/ledger/clientLettering.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { recordPayment } from "../../../db/repositories/recordPayment.js";
import { Decimal } from "../../../engine/money/money.js";
import { testBackends } from "../backends.js";
import { issueSimple, line, seedBasics } from "../fixtures.js";

/**
 * Amounts TTC (VAT 20 %), client account 411:
 * - paid 1 200,00 issued 2026-01-10, paid 700,00 on 2026-02-01 then 500,00 on 2026-03-05: lettered on 2026-03-05;
 * - partial 600,00 issued 2026-01-15, 200,00 paid on 2026-01-20: open, not lettered;
 * - credited 240,00 issued 2026-01-20, a credit note of 240,00 on 2026-01-25: lettered with its credit note on 2026-01-25;
 * - quick 120,00 issued 2026-02-10 and paid the same day: lettered on 2026-02-10.
 */
async function seed(db: Database) {
  const { client } = await seedBasics(db);
  const pay = (invoiceId: number, amount: string, receivedOn: string) =>
    recordPayment(db, { clientId: client.id, amount: new Decimal(amount), receivedOn, method: "transfer", allocations: [{ invoiceId, amount: new Decimal(amount) }], actor: "test", channel: "test" });
  const paid = await issueSimple(db, client.id, "2026-01-10", "1000.00");
  const partial = await issueSimple(db, client.id, "2026-01-15", "500.00");
  const credited = await issueSimple(db, client.id, "2026-01-20", "200.00");
  await pay(partial.id, "200.00", "2026-01-20");
  const { invoice: draft } = await createDraftInvoice(db, {
    kind: "credit_note",
    clientId: client.id,
    issueDate: "2026-01-25",
    lines: [line("-200.00", { label: "Annulation" })],
    correctsInvoiceId: credited.id,
    correctionReason: "prestation annulée",
    createdBy: "test",
  });
  const creditNote = (await issueInvoice(db, { invoiceId: draft.id, actor: "test", channel: "test" })).invoice;
  await pay(paid.id, "700.00", "2026-02-01");
  const quick = await issueSimple(db, client.id, "2026-02-10", "100.00");
  await pay(quick.id, "120.00", "2026-02-10");
  await pay(paid.id, "500.00", "2026-03-05");
  return { paid, partial, credited, creditNote, quick };
}

describe.each(testBackends())("loadClientLettering — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("letters an invoice with its payments and credit notes once they balance, codes in lettering order", async () => {
    const s = await seed(h.db);
    const lettering = await loadClientLettering(h.db, "2026-12-31");
    expect(Object.fromEntries([...lettering].map(([id, l]) => [id, l]))).toEqual({
      [s.credited.id]: { code: "A", date: "2026-01-25" },
      [s.creditNote.id]: { code: "A", date: "2026-01-25" },
      [s.quick.id]: { code: "B", date: "2026-02-10" },
      [s.paid.id]: { code: "C", date: "2026-03-05" },
    });
  });

  it("letters only what balances by the date asked, keeping the codes a later date gives", async () => {
    const s = await seed(h.db);
    const atEndOfFebruary = await loadClientLettering(h.db, "2026-02-28");
    expect([...atEndOfFebruary.keys()].sort((a, b) => a - b)).toEqual([s.credited.id, s.creditNote.id, s.quick.id].sort((a, b) => a - b));
    expect(atEndOfFebruary.get(s.quick.id)).toEqual({ code: "B", date: "2026-02-10" });
    expect(await loadClientLettering(h.db, "2026-01-24")).toEqual(new Map());
  });
});
