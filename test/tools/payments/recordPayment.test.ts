import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit.js";
import { invoices } from "../../../db/schema/invoices.js";
import { ledgerEntries, ledgerLines } from "../../../db/schema/ledger.js";
import { paymentAllocations, payments } from "../../../db/schema/payments.js";
import { pendingActions } from "../../../db/schema/pendingActions.js";
import { confirmPendingAction } from "../../../tools/confirmation/confirmPendingAction.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { recordPaymentTool } from "../../../tools/payments/recordPayment.js";
import { FINANCE, type Harness } from "../harness.js";
import { type Ledger, pay, startWithLedger } from "./paymentsFixtures.js";

const ACCEPT = () => ({ action: "accept" as const, content: { confirmer: true } });

/** What a payment touches: payments, allocations, paid amounts and statuses, bank entries. */
async function stored(h: Harness) {
  const db = h.opened.db;
  const [paymentRows, allocationRows, invoiceRows, bankEntries] = await Promise.all([
    db.select().from(payments).orderBy(asc(payments.id)),
    db.select().from(paymentAllocations).orderBy(asc(paymentAllocations.id)),
    db.select().from(invoices).orderBy(asc(invoices.id)),
    db.select().from(ledgerEntries).where(eq(ledgerEntries.journal, "BQ")),
  ]);
  return {
    payments: paymentRows.map((p) => [p.clientId, p.amount, p.receivedOn, p.method, p.reference, p.recordedBy]),
    allocations: allocationRows.map((a) => [a.invoiceId, a.amount]),
    invoices: invoiceRows.map((i) => [i.number, i.status, i.amountPaid]),
    bankEntries: bankEntries.length,
  };
}

async function bankLines(h: Harness) {
  const rows = await h.opened.db
    .select({ account: ledgerLines.account, debit: ledgerLines.debit, credit: ledgerLines.credit, invoiceId: ledgerLines.invoiceId })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(eq(ledgerEntries.journal, "BQ"))
    .orderBy(asc(ledgerLines.id));
  return rows.map((l) => [l.account, l.debit, l.credit, l.invoiceId]);
}

const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0]?.text ?? "";

describe("record_payment", () => {
  let h: Harness | undefined;
  let ledger: Ledger;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is listed as a monetary, destructive, non-idempotent tool", async () => {
    ({ h, ledger } = await startWithLedger({ tools: [recordPaymentTool] }));
    const [tool] = (await h.client.listTools()).tools;
    expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
    expect(tool?._meta).toMatchObject({ "facturation/monetary": true, ui: { resourceUri: "ui://facturation/action-en-attente.html" } });
  });

  it("only proposes (oldest due first) when the client cannot confirm: nothing is recorded until `facturation confirm`", async () => {
    ({ h, ledger } = await startWithLedger({ tools: [recordPaymentTool] }));
    const before = await stored(h);
    const result = await h.client.callTool({
      name: "record_payment",
      arguments: { clientId: ledger.acme.id, amount: "1500.00", receivedOn: "2026-03-18", reference: "VIR ACME MARS" },
    });
    const proposal = ProposalResultSchema.parse(result.structuredContent);
    expect(proposal).toMatchObject({ status: "pending", kind: "record_payment", pendingReason: "no_elicitation" });
    expect(proposal.preview).toMatchObject({ client: "Acme Industrie", amountAtStake: "1500.00" });
    expect(proposal.preview.facts).toContainEqual({ label: "Affecté à la facture F-2026-00001", value: "1\u202f200,00\u00a0€ (reste dû 1\u202f200,00\u00a0€ → 0,00\u00a0€)" });
    expect(proposal.preview.facts).toContainEqual({ label: "Affecté à la facture F-2026-00002", value: "300,00\u00a0€ (reste dû 600,00\u00a0€ → 300,00\u00a0€)" });
    expect(textOf(result)).toContain("Rien n'a encore été fait.");
    expect(await stored(h)).toEqual(before);

    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, proposal.pendingAction.id));
    const outcome = await confirmPendingAction(h.deps, { actionId: proposal.pendingAction.id, digest: row!.digest, confirmer: FINANCE });
    expect(outcome.text).toMatch(/^Paiement de 1\u202f500,00\u00a0€ de Acme Industrie enregistré \(n° \d+\) : F-2026-00001 soldée, F-2026-00002 reste 300,00\u00a0€\.$/);
    expect(outcome.result).toMatchObject({ unallocated: "0.00", allocations: [{ number: "F-2026-00001", amount: "1200.00", status: "paid" }, { number: "F-2026-00002", amount: "300.00", status: "partially_paid" }] });

    const after = await stored(h);
    expect(after.payments).toEqual([[ledger.acme.id, "1500.00", "2026-03-18", "transfer", "VIR ACME MARS", "farid"]]);
    expect(after.allocations).toEqual([[ledger.a1.id, "1200.00"], [ledger.a2.id, "300.00"]]);
    expect(after.invoices).toContainEqual(["F-2026-00001", "paid", "1200.00"]);
    expect(after.invoices).toContainEqual(["F-2026-00002", "partially_paid", "300.00"]);
    expect(after.invoices).toContainEqual(["F-2026-00004", "issued", "0.00"]);
    // D 512 / C 411 per invoice, and the paid share of the pending VAT: all of A1's 200, half of A2's 100.
    expect(await bankLines(h)).toEqual([
      ["512", "1500.00", "0.00", null],
      ["411", "0.00", "1200.00", ledger.a1.id],
      ["411", "0.00", "300.00", ledger.a2.id],
      ["44574", "200.00", "0.00", ledger.a1.id],
      ["44571", "0.00", "200.00", ledger.a1.id],
      ["44574", "50.00", "0.00", ledger.a2.id],
      ["44571", "0.00", "50.00", ledger.a2.id],
    ]);
    const audit = (await h.opened.db.select().from(auditLog).orderBy(asc(auditLog.seq))).map((a) => a.action);
    expect(audit.slice(-4)).toEqual(["action_proposed", "action_awaiting_out_of_band", "payment_recorded", "action_executed"]);
  });

  it("records an explicit split at once when the human accepts the form, keeping the overpayment as the client's credit", async () => {
    ({ h, ledger } = await startWithLedger({ tools: [recordPaymentTool], elicitation: ACCEPT }));
    const result = await h.client.callTool({
      name: "record_payment",
      arguments: { amount: "200.00", method: "cheque", allocations: [{ invoice: "F-2025-00001", amount: "120.00" }] },
    });
    const proposal = ProposalResultSchema.parse(result.structuredContent);
    expect(proposal.status).toBe("executed");
    expect(textOf(result)).toMatch(/F-2025-00001 soldée ; 80,00\u00a0€ gardés au crédit de Bêta Conseil\.$/);
    expect(h.elicitations[0]?.params.message).toContain("Trop-perçu gardé au crédit du client : 80,00\u00a0€");
    const after = await stored(h);
    expect(after.payments).toEqual([[ledger.beta.id, "200.00", "2026-03-20", "cheque", null, "claire"]]);
    expect(after.invoices).toContainEqual(["F-2025-00001", "paid", "120.00"]);
    expect(await bankLines(h)).toEqual([
      ["512", "200.00", "0.00", null],
      ["411", "0.00", "120.00", ledger.b0.id],
      ["411", "0.00", "80.00", null],
      ["44574", "20.00", "0.00", ledger.b0.id],
      ["44571", "0.00", "20.00", ledger.b0.id],
    ]);
  });

  it("records nothing when the human declines", async () => {
    ({ h, ledger } = await startWithLedger({ tools: [recordPaymentTool], elicitation: () => ({ action: "decline" as const }) }));
    const before = await stored(h);
    const result = await h.client.callTool({ name: "record_payment", arguments: { clientId: ledger.acme.id, amount: "600.00" } });
    expect(ProposalResultSchema.parse(result.structuredContent).status).toBe("declined");
    expect(textOf(result)).toBe("Refusé par l'utilisateur : rien n'a été fait.");
    expect(await stored(h)).toEqual(before);
  });

  it("refuses an over-allocation, another client's invoice, a future date and a bad amount, naming the field, without proposing anything", async () => {
    ({ h, ledger } = await startWithLedger({ tools: [recordPaymentTool], elicitation: ACCEPT }));
    const call = (args: Record<string, unknown>) => h!.client.callTool({ name: "record_payment", arguments: { clientId: ledger.acme.id, ...args } });
    expect(textOf(await call({ amount: "700.00", allocations: [{ invoice: "F-2026-00002", amount: "700.00" }] }))).toBe(
      "allocations[0].amount : dépasse le reste dû de la facture F-2026-00002 (600,00\u00a0€)",
    );
    expect(textOf(await call({ amount: "100.00", allocations: [{ invoice: "F-2026-00003", amount: "100.00" }] }))).toBe(
      "allocations[0].invoice : la facture F-2026-00003 n'est pas celle du client qui paie (Acme Industrie)",
    );
    expect(textOf(await call({ amount: "100.00", allocations: [{ invoice: "F-2026-00001", amount: "60.00" }, { invoice: "F-2026-00002", amount: "50.00" }] }))).toBe(
      "allocations : le total réparti (110,00\u00a0€) dépasse le paiement (100,00\u00a0€)",
    );
    expect(textOf(await call({ amount: "100.00", receivedOn: "2026-03-21" }))).toBe("receivedOn : ne peut pas être postérieure à aujourd'hui (20/03/2026)");
    const bad = await call({ amount: "12,50", method: "bitcoin" });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^amount : doit être un nombre décimal.* ; method : mode inconnu/);
    expect(await h.opened.db.select().from(pendingActions)).toEqual([]);
    expect((await stored(h)).payments).toEqual([]);
  });

  it("refuses a payment on an invoice already settled, naming the invoice number the user gave and what to do, proposing nothing", async () => {
    ({ h, ledger } = await startWithLedger({ tools: [recordPaymentTool], elicitation: ACCEPT }));
    await pay(h.opened.db, ledger.acme.id, "1200.00", "2026-03-10", [{ invoiceId: ledger.a1.id, amount: "1200.00" }]);
    const before = await stored(h);
    const result = await h.client.callTool({ name: "record_payment", arguments: { amount: "100.00", allocations: [{ invoice: "F-2026-00001", amount: "100.00" }] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "allocations[0].invoice : la facture F-2026-00001 est déjà soldée (1\u202f200,00\u00a0€ reçus) : il ne reste rien à y affecter ; " +
        "indiquez une autre facture de Acme Industrie, ou enregistrez le paiement sans facture pour l'affecter à la plus ancienne échéance (le surplus reste au crédit du client)",
    );
    expect(textOf(result)).not.toMatch(/invoiceId|\(\d+\)$/);
    expect(await h.opened.db.select().from(pendingActions)).toEqual([]);
    expect(await stored(h)).toEqual(before);
  });

  it("re-checks what is left to pay at execution: a payment recorded meanwhile makes the confirmation fail, recording nothing", async () => {
    ({ h, ledger } = await startWithLedger({ tools: [recordPaymentTool] }));
    const result = await h.client.callTool({ name: "record_payment", arguments: { clientId: ledger.acme.id, amount: "600.00", allocations: [{ invoice: "F-2026-00002", amount: "600.00" }] } });
    const { pendingAction } = ProposalResultSchema.parse(result.structuredContent);
    await pay(h.opened.db, ledger.acme.id, "600.00", "2026-03-19", [{ invoiceId: ledger.a2.id, amount: "600.00" }]);
    const before = await stored(h);
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, pendingAction.id));
    await expect(confirmPendingAction(h.deps, { actionId: pendingAction.id, digest: row!.digest, confirmer: FINANCE })).rejects.toThrow(
      "allocations[0].amount : dépasse le reste dû de la facture F-2026-00002 (0,00\u00a0€) : elle a peut-être été réglée entre-temps",
    );
    expect(await stored(h)).toEqual(before);
    const [closed] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, pendingAction.id));
    expect(closed?.status).toBe("failed");
  });
});
