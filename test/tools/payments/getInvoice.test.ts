import { afterEach, describe, expect, it } from "vitest";
import { getInvoiceTool } from "../../../tools/payments/getInvoice.js";
import type { Harness } from "../harness.js";
import { creditNote, pay, sentReminder, startWithLedger } from "./paymentsFixtures.js";

describe("get_invoice", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("shows an invoice with its lines, totals, payments, credit notes, reminders and what is left to pay today", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [getInvoiceTool] }));
    const db = h.opened.db;
    await creditNote(db, ledger.acme.id, ledger.a1.id, "2026-03-05", "-100.00");
    const payment = await pay(db, ledger.acme.id, "500.00", "2026-03-10", [{ invoiceId: ledger.a1.id, amount: "500.00" }]);
    await sentReminder(db, ledger.a1.id, 1, "2026-02-11");

    const result = await h.client.callTool({ name: "get_invoice", arguments: { invoice: "F-2026-00001" } });
    expect(result.isError).toBeFalsy();
    const s = result.structuredContent as Record<string, any>;
    expect(s).toMatchObject({
      invoiceId: ledger.a1.id,
      number: "F-2026-00001",
      kind: "invoice",
      status: "overdue",
      statusLabel: "en retard",
      client: { id: ledger.acme.id, name: "Acme Industrie" },
      issueDate: "2026-01-05",
      dueDate: "2026-02-04",
      totals: { net: "1000.00", vat: "200.00", gross: "1200.00" },
      receivable: { asOf: "2026-03-20", credited: "120.00", paid: "500.00", outstanding: "580.00", overpaid: "0.00", daysOverdue: 44, agingBucket: "d31_60" },
      payments: [{ paymentId: payment.paymentId, receivedOn: "2026-03-10", amount: "500.00", method: "transfer", reference: null }],
      creditNotes: [{ number: "AV-2026-00001", issueDate: "2026-03-05", amount: "-120.00", reason: "remise accordée" }],
      corrects: null,
      reminders: [{ level: "r1", label: "relance R1 (cordiale)", date: "2026-02-11", status: "sent", channel: "email" }],
      dispute: { disputed: false, reason: null, since: null },
    });
    expect(s.lines).toEqual([{ label: "Prestation", quantity: "1", unitCode: "C62", unitPrice: "1000", net: "1000.00", vatRate: "20", vatExemption: null }]);
    const text = (result.content as { text: string }[])[0]?.text ?? "";
    expect(text.split("\n").slice(0, 3)).toEqual([
      "Facture F-2026-00001 — Acme Industrie — en retard",
      "Total 1\u202f000,00\u00a0€ HT, 200,00\u00a0€ TVA, 1\u202f200,00\u00a0€ TTC ; émise le 05/01/2026, échéance le 04/02/2026.",
      "Au 20/03/2026 : payé 500,00\u00a0€, avoirs 120,00\u00a0€, reste dû 580,00\u00a0€, 44 jours de retard.",
    ]);
  });

  it("shows a credit note with the invoice it corrects, and finds a document by its id", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [getInvoiceTool] }));
    const credit = await creditNote(h.opened.db, ledger.acme.id, ledger.a1.id, "2026-03-05", "-100.00");
    const result = await h.client.callTool({ name: "get_invoice", arguments: { invoice: String(credit.id) } });
    expect(result.structuredContent).toMatchObject({
      number: "AV-2026-00001",
      kind: "credit_note",
      statusLabel: "avoir émis",
      receivable: null,
      corrects: { invoiceId: ledger.a1.id, number: "F-2026-00001", reason: "remise accordée" },
      totals: { net: "-100.00", vat: "-20.00", gross: "-120.00" },
    });
  });

  it("answers a French not-found error naming the field, and refuses an empty reference", async () => {
    ({ h } = await startWithLedger({ tools: [getInvoiceTool] }));
    const missing = await h.client.callTool({ name: "get_invoice", arguments: { invoice: "F-2026-09999" } });
    expect(missing.isError).toBe(true);
    expect((missing.content as { text: string }[])[0]?.text).toBe("invoice : aucune facture F-2026-09999");
    const empty = await h.client.callTool({ name: "get_invoice", arguments: { invoice: " " } });
    expect((empty.content as { text: string }[])[0]?.text).toBe("invoice : ne peut pas être vide");
    const good = await h.client.callTool({ name: "get_invoice", arguments: { invoice: "F-2026-00002" } });
    expect(good.isError).toBeFalsy();
  });
});
