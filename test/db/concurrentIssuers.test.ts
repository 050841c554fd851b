import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../db/connection.js";
import { checkLedger } from "../../db/ledger/checkLedger.js";
import { createDraftInvoice } from "../../db/repositories/invoiceDrafts.js";
import { listInvoices } from "../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../db/repositories/issueInvoice.js";
import { type StoredInvoice } from "../../db/repositories/storedInvoice.js";
import { recordPayment } from "../../db/repositories/recordPayment.js";
import { Decimal } from "../../engine/money/money.js";
import { testBackends } from "./backends.js";
import { issueSimple, line, seedBasics } from "./fixtures.js";

const ISSUERS = 32;

describe.each(testBackends())("concurrent issuers — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh({ maxConnections: ISSUERS + 8 });
  });
  afterEach(async () => {
    await h.close();
  });

  it(`gives ${ISSUERS} concurrent issuers gapless unique numbers without deadlock, while payments run`, async () => {
    const { client } = await seedBasics(h.db);
    const paidTargets = await Promise.all([0, 1, 2, 3].map(async () => issueSimple(h.db, client.id, "2026-04-01", "10.00")));
    const drafts: StoredInvoice[] = [];
    for (let i = 0; i < ISSUERS * 2; i++) {
      drafts.push((await createDraftInvoice(h.db, { kind: "invoice", clientId: client.id, issueDate: "2026-04-02", lines: [line(`${100 + i}.00`)], createdBy: "t" })).invoice);
    }
    // Each issuer issues two drafts in turn; payments on earlier invoices run at the same time.
    const issuers = Array.from({ length: ISSUERS }, async (_, k) => {
      const numbers: string[] = [];
      for (const draft of [drafts[2 * k], drafts[2 * k + 1]]) {
        if (!draft) continue;
        const { invoice } = await issueInvoice(h.db, { invoiceId: draft.id, actor: `issuer-${k}`, channel: "test" });
        numbers.push(invoice.number ?? "");
      }
      return numbers;
    });
    const payers = paidTargets.map((inv) =>
      recordPayment(h.db, { clientId: client.id, method: "transfer", receivedOn: "2026-04-02", amount: new Decimal("12.00"), allocations: [{ invoiceId: inv.id, amount: new Decimal("12.00") }], actor: "payer", channel: "test" }),
    );
    const settled = await Promise.allSettled([...issuers, ...payers]);
    expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
    const issued = await listInvoices(h.db, { status: ["issued", "paid"] });
    const numbers = issued.map((i) => i.number).sort();
    const expected = Array.from({ length: ISSUERS * 2 + 4 }, (_, i) => `F-2026-${String(i + 1).padStart(5, "0")}`);
    expect(numbers).toEqual(expected);
    const report = await checkLedger(h.db);
    expect(report.problems).toEqual([]);
    expect(report.counts.auditRows).toBe(ISSUERS * 2 + 4 + 4);
  });
});
