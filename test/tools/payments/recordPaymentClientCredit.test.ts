import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { checkLedger } from "../../../db/ledger/checkLedger.js";
import { applyClientCredit, clientCredit } from "../../../db/repositories/clientCredit.js";
import { invoices } from "../../../db/schema/invoices.js";
import { ledgerEntries } from "../../../db/schema/ledger.js";
import { paymentAllocations, payments } from "../../../db/schema/payments.js";
import { Decimal } from "../../../engine/money/money.js";
import { localDesk } from "../../../tools/confirmation/pendingActionDesk.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { getInvoiceTool } from "../../../tools/payments/getInvoice.js";
import { recordPaymentTool } from "../../../tools/payments/recordPayment.js";
import { FINANCE, type Harness } from "../harness.js";
import { type Ledger, pay, startWithLedger } from "./paymentsFixtures.js";

const d = (s: string) => new Decimal(s);

async function invoiceStates(h: Harness) {
  const rows = await h.opened.db.select().from(invoices).orderBy(asc(invoices.id));
  return Object.fromEntries(rows.map((i) => [i.number, [i.status, i.amountPaid]]));
}

describe("record_payment with the client's credit (trop-perçu)", () => {
  let h: Harness | undefined;
  let ledger: Ledger;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** Acme overpaid A1 (1 200,00 €) with 1 500,00 € on 1 March: 300,00 € of credit. */
  async function start() {
    ({ h, ledger } = await startWithLedger({ tools: [recordPaymentTool, getInvoiceTool] }));
    await pay(h.opened.db, ledger.acme.id, "1500.00", "2026-03-01", [{ invoiceId: ledger.a1.id, amount: "1200.00" }]);
    return h;
  }

  it("shows the available credit without using it unless asked", async () => {
    const h = await start();
    const shown = await h.client.callTool({ name: "get_invoice", arguments: { invoice: "F-2026-00002" } });
    expect(shown.structuredContent).toMatchObject({ clientCredit: "300.00" });
    expect((shown.content as { text: string }[])[0]?.text).toContain("Crédit de Acme Industrie non imputé (trop-perçus) : 300,00\u00a0€.");
    const proposal = ProposalResultSchema.parse(
      (await h.client.callTool({ name: "record_payment", arguments: { clientId: ledger.acme.id, amount: "400.00", receivedOn: "2026-03-18" } })).structuredContent,
    );
    expect(proposal.preview.facts).toContainEqual({ label: "Crédit client (trop-perçus antérieurs)", value: "300,00\u00a0€ disponibles, 0,00\u00a0€ imputés ici" });
    expect(proposal.preview.facts).toContainEqual({ label: "Affecté à la facture F-2026-00002", value: "400,00\u00a0€ (reste dû 600,00\u00a0€ → 200,00\u00a0€)" });
  });

  it("imputes the credit after the new money, oldest due first, in the same confirmed transaction", async () => {
    const h = await start();
    const proposal = ProposalResultSchema.parse(
      (await h.client.callTool({ name: "record_payment", arguments: { clientId: ledger.acme.id, amount: "400.00", receivedOn: "2026-03-18", useClientCredit: true } }))
        .structuredContent,
    );
    expect(proposal.status).toBe("pending");
    expect(proposal.preview.facts).toEqual(
      expect.arrayContaining([
        { label: "Affecté à la facture F-2026-00002", value: "600,00\u00a0€ dont 200,00\u00a0€ pris sur le crédit client (reste dû 600,00\u00a0€ → 0,00\u00a0€)" },
        { label: "Affecté à la facture F-2026-00004", value: "100,00\u00a0€ dont 100,00\u00a0€ pris sur le crédit client (reste dû 300,00\u00a0€ → 200,00\u00a0€)" },
        { label: "Crédit client (trop-perçus antérieurs)", value: "300,00\u00a0€ disponibles, 300,00\u00a0€ imputés ici" },
        { label: "Trop-perçu gardé au crédit du client", value: "0,00\u00a0€" },
      ]),
    );
    expect(await h.opened.db.select().from(paymentAllocations)).toHaveLength(1);

    const desk = localDesk(h.deps);
    const view = await desk.show(proposal.pendingAction.id);
    const outcome = await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });
    expect(outcome.result).toMatchObject({ unallocated: "0.00", creditUsed: "300.00", creditRemaining: "0.00" });
    expect(outcome.text).toContain("300,00\u00a0€ pris sur le crédit de Acme Industrie");
    const states = await invoiceStates(h);
    expect(states["F-2026-00002"]).toEqual(["paid", "600.00"]);
    expect(states["F-2026-00004"]).toEqual(["partially_paid", "100.00"]);
    expect(await clientCredit(h.opened.db, ledger.acme.id)).toEqual({ total: d("0"), payments: [] });
    expect(await h.opened.db.select().from(ledgerEntries).where(eq(ledgerEntries.kind, "credit_application"))).toHaveLength(1);
    expect(await checkLedger(h.opened.db)).toMatchObject({ ok: true, problems: [] });

    const shown = (await h.client.callTool({ name: "get_invoice", arguments: { invoice: "F-2026-00004" } })).structuredContent as {
      receivable: { paid: string; outstanding: string };
      payments: { receivedOn: string; amount: string }[];
    };
    expect(shown.receivable).toMatchObject({ paid: "100.00", outstanding: "200.00" });
    expect(shown).toMatchObject({ clientCredit: "0.00" });
    expect(shown.payments).toEqual([expect.objectContaining({ receivedOn: "2026-03-18", amount: "100.00" })]);
  });

  it("records nothing when the credit was used elsewhere before the confirmation", async () => {
    const h = await start();
    const proposal = ProposalResultSchema.parse(
      (await h.client.callTool({ name: "record_payment", arguments: { clientId: ledger.acme.id, amount: "400.00", receivedOn: "2026-03-18", useClientCredit: true } }))
        .structuredContent,
    );
    await applyClientCredit(h.opened.db, { clientId: ledger.acme.id, allocations: [{ invoiceId: ledger.a3.id, amount: d("50.00") }], appliedOn: "2026-03-19", actor: "t", channel: "test" });
    const before = { payments: (await h.opened.db.select().from(payments)).length, states: await invoiceStates(h) };
    const desk = localDesk(h.deps);
    const view = await desk.show(proposal.pendingAction.id);
    await expect(desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE })).rejects.toThrow(
      "allocations : le crédit disponible de Acme Industrie (250,00\u00a0€) ne couvre pas 300,00\u00a0€",
    );
    expect({ payments: (await h.opened.db.select().from(payments)).length, states: await invoiceStates(h) }).toEqual(before);
    expect((await clientCredit(h.opened.db, ledger.acme.id)).total).toEqual(d("250.00"));
  });
});
