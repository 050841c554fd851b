import { afterEach, describe, expect, it } from "vitest";
import { payments } from "../../../db/schema/payments.js";
import { pendingActions } from "../../../db/schema/pendingActions.js";
import { matchBankStatementTool } from "../../../tools/payments/matchBankStatement.js";
import { recordPaymentTool } from "../../../tools/payments/recordPayment.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import type { Harness } from "../harness.js";
import { startWithLedger } from "./paymentsFixtures.js";

const LINES = [
  { id: "b1", date: "2026-03-16", amount: "1200.00", label: "VIR SEPA ACME INDUSTRIE FACT F-2026-00001" },
  { id: "b2", date: "2026-03-17", amount: "120.00", label: "VIREMENT BETA CONSEIL" },
  { id: "b3", date: "2026-03-18", amount: "300.00", label: "VIR 4471" },
  { id: "b4", date: "2026-03-18", amount: "250.00", label: "ACME F 2026 00002 ACOMPTE" },
  { id: "b5", date: "2026-03-19", amount: "-45.90", label: "FRAIS BANCAIRES" },
];

describe("match_bank_statement", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("proposes matches with confidence and French reasons, explains the rest, and records nothing", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [matchBankStatementTool] }));
    const [tool] = (await h.client.listTools()).tools;
    expect(tool?.annotations).toMatchObject({ readOnlyHint: true });
    const result = await h.client.callTool({ name: "match_bank_statement", arguments: { lines: LINES } });
    const s = result.structuredContent as { matches: any[]; unmatched: any[] };
    expect(s.matches.map((m) => [m.lineId, m.number, m.confidence, m.rule, m.amount])).toEqual([
      ["b1", "F-2026-00001", "high", "amount_and_number", "1200.00"],
      ["b2", "F-2025-00001", "medium", "amount_and_client", "120.00"],
      ["b3", "F-2026-00004", "low", "amount_only", "300.00"],
    ]);
    expect(s.matches[0]).toMatchObject({
      invoiceId: ledger.a1.id,
      clientId: ledger.acme.id,
      clientName: "Acme Industrie",
      reason: "Montant identique au reste dû (1\u202f200,00\u00a0€) et numéro F-2026-00001 cité dans le libellé.",
      recordPayment: { clientId: ledger.acme.id, amount: "1200.00", receivedOn: "2026-03-16", reference: LINES[0]!.label, allocations: [{ invoice: "F-2026-00001", amount: "1200.00" }] },
    });
    expect(s.unmatched).toEqual([
      {
        lineId: "b4",
        date: "2026-03-18",
        amount: "250.00",
        label: "ACME F 2026 00002 ACOMPTE",
        reason: expect.stringMatching(/^Le libellé cite F-2026-00002 \(reste dû 600,00\u00a0€\) mais le montant reçu \(250,00\u00a0€\) ne correspond pas/),
        candidates: ["F-2026-00002"],
      },
      { lineId: "b5", date: "2026-03-19", amount: "-45.90", label: "FRAIS BANCAIRES", reason: "Débit ou montant nul : ce n'est pas un encaissement client.", candidates: [] },
    ]);
    expect((result.content as { text: string }[])[0]?.text.split("\n")[0]).toBe("5 lignes examinées : 3 propositions, 2 sans correspondance. Rien n'a été enregistré.");
    expect(await h.opened.db.select().from(payments)).toEqual([]);
    expect(await h.opened.db.select().from(pendingActions)).toEqual([]);
  });

  it("gives record_payment arguments it accepts as they are", async () => {
    ({ h } = await startWithLedger({ tools: [matchBankStatementTool, recordPaymentTool] }));
    const s = (await h.client.callTool({ name: "match_bank_statement", arguments: { lines: LINES.slice(0, 1) } })).structuredContent as { matches: any[] };
    const proposal = await h.client.callTool({ name: "record_payment", arguments: s.matches[0].recordPayment });
    expect(ProposalResultSchema.parse(proposal.structuredContent)).toMatchObject({ status: "pending", preview: { client: "Acme Industrie", amountAtStake: "1200.00" } });
  });

  it("looks only at one client's invoices when asked, and numbers unnamed lines", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [matchBankStatementTool] }));
    const lines = LINES.slice(0, 2).map(({ id: _id, ...line }) => line);
    const s = (await h.client.callTool({ name: "match_bank_statement", arguments: { lines, clientId: ledger.beta.id } })).structuredContent as { matches: any[]; unmatched: any[] };
    expect(s.matches.map((m) => [m.lineId, m.number])).toEqual([["ligne-2", "F-2025-00001"]]);
    expect(s.unmatched.map((u) => u.lineId)).toEqual(["ligne-1"]);
  });

  it("refuses a bad line with a French error naming the field, and duplicated line ids", async () => {
    ({ h } = await startWithLedger({ tools: [matchBankStatementTool] }));
    const bad = await h.client.callTool({ name: "match_bank_statement", arguments: { lines: [{ date: "2026-03-01", amount: "12,00", label: "x" }] } });
    expect((bad.content as { text: string }[])[0]?.text).toMatch(/^lines\[0\]\.amount : doit être un nombre décimal/);
    const dup = await h.client.callTool({ name: "match_bank_statement", arguments: { lines: [LINES[0], LINES[0]] } });
    expect((dup.content as { text: string }[])[0]?.text).toBe("lines[1].id : identifiant de ligne en double (b1)");
    const empty = await h.client.callTool({ name: "match_bank_statement", arguments: { lines: [] } });
    expect((empty.content as { text: string }[])[0]?.text).toBe("lines : au moins une ligne de relevé");
  });
});
