import { readFileSync } from "node:fs";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { parseBankStatementCsv } from "../../../db/bank/bankStatementCsv.js";
import { importBankStatement } from "../../../db/bank/importBankStatement.js";
import { auditLog } from "../../../db/schema/audit.js";
import { bankLines } from "../../../db/schema/bankLines.js";
import { invoices } from "../../../db/schema/invoices.js";
import { paymentAllocations, payments } from "../../../db/schema/payments.js";
import { pendingActions } from "../../../db/schema/pendingActions.js";
import { confirmPendingAction } from "../../../tools/confirmation/confirmPendingAction.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { matchBankStatementTool } from "../../../tools/payments/matchBankStatement.js";
import { recordPaymentTool } from "../../../tools/payments/recordPayment.js";
import { FINANCE, type Harness, type HarnessOptions } from "../harness.js";
import { type Ledger, startWithLedger } from "./paymentsFixtures.js";

const CSV = readFileSync(new URL("../../fixtures/bank/releve-novembre.csv", import.meta.url), "utf8");
const TOOLS = [matchBankStatementTool, recordPaymentTool];
const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0]?.text ?? "";

interface Match {
  lineId: string;
  bankLineId?: number;
  number: string;
  confidence: string;
  amount: string;
  recordPayment: Record<string, unknown>;
}
interface Output {
  matches: Match[];
  unmatched: { lineId: string; bankLineId?: number; date: string; amount: string; label: string; reason: string; candidates: string[] }[];
  period?: { from: string; to: string };
}

/** The payments ledger, "today" 1 December 2026, and the November statement imported (ids by amount). */
async function start(options: Partial<HarnessOptions> = {}): Promise<{ h: Harness; ledger: Ledger; ids: Map<string, number> }> {
  const { h, ledger } = await startWithLedger({ tools: TOOLS, ...options });
  h.clock.now = new Date("2026-12-01T09:00:00Z");
  await importBankStatement(h.opened.db, { statement: parseBankStatementCsv(CSV, "releve-novembre.csv"), fileName: "releve-novembre.csv", actor: "farid" });
  const rows = await h.opened.db.select().from(bankLines).orderBy(asc(bankLines.id));
  return { h, ledger, ids: new Map(rows.map((r) => [r.amount, r.id])) };
}

/** What matching and recording touch: payments, allocations, statuses, and each line's payment. */
async function stored(h: Harness) {
  const db = h.opened.db;
  const [p, a, i, l] = await Promise.all([
    db.select().from(payments).orderBy(asc(payments.id)),
    db.select().from(paymentAllocations).orderBy(asc(paymentAllocations.id)),
    db.select().from(invoices).orderBy(asc(invoices.id)),
    db.select().from(bankLines).orderBy(asc(bankLines.id)),
  ]);
  return {
    payments: p.map((r) => [r.id, r.clientId, r.amount, r.receivedOn, r.reference]),
    allocations: a.map((r) => [r.paymentId, r.invoiceId, r.amount]),
    invoices: i.map((r) => [r.number, r.status, r.amountPaid]),
    lines: l.map((r) => [r.id, r.amount, r.paymentId]),
  };
}

async function confirm(h: Harness, actionId: string) {
  const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, actionId));
  return confirmPendingAction(h.deps, { actionId, digest: row!.digest, confirmer: FINANCE });
}

describe("match_bank_statement on the imported statement", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("reads the unmatched credits of the month asked for and proposes matches with their bank line, recording nothing", async () => {
    let ids: Map<string, number>;
    let ledger: Ledger;
    ({ h, ledger, ids } = await start());
    const before = await stored(h);
    const result = await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-11" } });
    expect(result.isError).toBeFalsy();
    const s = result.structuredContent as unknown as Output;
    expect(s.period).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    // October's 12 000,00 and November's debits are not read.
    expect(s.matches.map((m) => [m.lineId, m.bankLineId, m.number, m.confidence, m.amount])).toEqual([
      [`releve-${ids.get("1200.00")}`, ids.get("1200.00"), "F-2026-00001", "high", "1200.00"],
      [`releve-${ids.get("120.00")}`, ids.get("120.00"), "F-2025-00001", "medium", "120.00"],
      [`releve-${ids.get("300.00")}`, ids.get("300.00"), "F-2026-00004", "low", "300.00"],
    ]);
    expect(s.matches[0]?.recordPayment).toEqual({
      clientId: ledger.acme.id,
      amount: "1200.00",
      receivedOn: "2026-11-03",
      reference: "VIR SEPA ACME INDUSTRIE FACT F-2026-00001",
      allocations: [{ invoice: "F-2026-00001", amount: "1200.00" }],
      bankLineId: ids.get("1200.00"),
    });
    expect(s.unmatched).toEqual([
      {
        lineId: `releve-${ids.get("250.00")}`,
        bankLineId: ids.get("250.00"),
        date: "2026-11-20",
        amount: "250.00",
        label: "ACME F 2026 00002 ACOMPTE",
        reason: expect.stringMatching(/^Le libellé cite F-2026-00002 \(reste dû 600,00\u00a0€\)/),
        candidates: ["F-2026-00002"],
      },
    ]);
    expect(textOf(result).split("\n")[0]).toBe("4 encaissements du relevé de novembre 2026 non rapprochés : 3 propositions, 1 sans correspondance. Rien n'a été enregistré.");
    expect(await stored(h)).toEqual(before);
    expect(await h.opened.db.select().from(pendingActions)).toEqual([]);
  });

  it("reads a from/to period, and says so when nothing imported is left to match", async () => {
    let ids: Map<string, number>;
    ({ h, ids } = await start());
    const period = await h.client.callTool({ name: "match_bank_statement", arguments: { from: "2026-10-31", to: "2026-11-05" } });
    expect(textOf(period).split("\n")[0]).toBe("2 encaissements du relevé du 31/10/2026 au 05/11/2026 non rapprochés : 2 propositions, 0 sans correspondance. Rien n'a été enregistré.");
    const s = period.structuredContent as unknown as Output;
    expect(s.matches.map((m) => [m.bankLineId, m.number, m.confidence])).toEqual([
      [ids.get("12000.00"), "F-2026-00003", "high"],
      [ids.get("1200.00"), "F-2026-00001", "high"],
    ]);
    const wholeMonth = await h.client.callTool({ name: "match_bank_statement", arguments: { from: "2026-11-01", to: "2026-11-30" } });
    expect(textOf(wholeMonth).split("\n")[0]).toMatch(/^4 encaissements du relevé de novembre 2026 non rapprochés/);
    const empty = await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-09" } });
    expect(empty.structuredContent).toEqual({ matches: [], unmatched: [], period: { from: "2026-09-01", to: "2026-09-30" } });
    expect(textOf(empty)).toBe("Aucun encaissement importé et non rapproché de septembre 2026 : importez le relevé avec « facturation import-bank FICHIER ».");
  });

  it("links the bank line to the payment only once a human confirms record_payment; the line is then no longer proposed", async () => {
    let ids: Map<string, number>;
    ({ h, ids } = await start());
    const s = (await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-11" } })).structuredContent as unknown as Output;
    const before = await stored(h);
    const proposal = ProposalResultSchema.parse((await h.client.callTool({ name: "record_payment", arguments: s.matches[0]!.recordPayment })).structuredContent);
    expect(proposal).toMatchObject({ status: "pending", preview: { client: "Acme Industrie", amountAtStake: "1200.00" } });
    expect(proposal.preview.facts).toContainEqual({ label: "Ligne de relevé rapprochée", value: `n° ${ids.get("1200.00")} du 03/11/2026 : VIR SEPA ACME INDUSTRIE FACT F-2026-00001` });
    expect(await stored(h)).toEqual(before);

    const outcome = await confirm(h, proposal.pendingAction.id);
    expect(outcome.result).toMatchObject({ bankLineId: ids.get("1200.00"), allocations: [{ number: "F-2026-00001", amount: "1200.00", status: "paid" }] });
    const after = await stored(h);
    const [payment] = after.payments;
    expect(after.payments).toEqual([[payment?.[0], expect.any(Number), "1200.00", "2026-11-03", "VIR SEPA ACME INDUSTRIE FACT F-2026-00001"]]);
    expect(after.lines.find((l) => l[0] === ids.get("1200.00"))).toEqual([ids.get("1200.00"), "1200.00", payment?.[0]]);
    expect(after.lines.filter((l) => l[2] !== null)).toHaveLength(1);
    expect(after.invoices.find((i) => i[0] === "F-2026-00001")).toEqual(["F-2026-00001", "paid", "1200.00"]);
    const audit = await h.opened.db.select().from(auditLog).where(eq(auditLog.pendingActionId, proposal.pendingAction.id));
    expect(audit.map((a) => a.action)).toContain("payment_recorded");

    const again = (await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-11" } })).structuredContent as unknown as Output;
    expect(again.matches.map((m) => m.bankLineId)).toEqual([ids.get("120.00"), ids.get("300.00")]);
  });

  it("leaves the line unmatched and nothing recorded when the human declines", async () => {
    let ids: Map<string, number>;
    ({ h, ids } = await start({ elicitation: () => ({ action: "decline" as const }) }));
    const before = await stored(h);
    const s = (await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-11" } })).structuredContent as unknown as Output;
    const result = await h.client.callTool({ name: "record_payment", arguments: s.matches[0]!.recordPayment });
    expect(ProposalResultSchema.parse(result.structuredContent).status).toBe("declined");
    expect(await stored(h)).toEqual(before);
    const again = (await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-11" } })).structuredContent as unknown as Output;
    expect(again.matches[0]?.bankLineId).toBe(ids.get("1200.00"));
  });

  it("links a line to one payment only: a second confirmed proposal on the same line records nothing", async () => {
    let ids: Map<string, number>;
    let ledger: Ledger;
    ({ h, ledger, ids } = await start());
    const args = { clientId: ledger.acme.id, amount: "300.00", receivedOn: "2026-11-18", bankLineId: ids.get("300.00") };
    const first = ProposalResultSchema.parse((await h.client.callTool({ name: "record_payment", arguments: args })).structuredContent);
    const second = ProposalResultSchema.parse((await h.client.callTool({ name: "record_payment", arguments: args })).structuredContent);
    await confirm(h, first.pendingAction.id);
    const afterFirst = await stored(h);
    await expect(confirm(h, second.pendingAction.id)).rejects.toThrow(`bankLineId : la ligne de relevé ${ids.get("300.00")} est déjà rapprochée du paiement n° ${afterFirst.payments[0]?.[0]}`);
    expect(await stored(h)).toEqual(afterFirst);
    // And the tool itself now refuses that line.
    const refused = await h.client.callTool({ name: "record_payment", arguments: args });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(`bankLineId : la ligne de relevé ${ids.get("300.00")} est déjà rapprochée du paiement n° ${afterFirst.payments[0]?.[0]}`);
  });

  it("refuses bad periods and bad bank lines in French, naming the field, and keeps serving", async () => {
    let ids: Map<string, number>;
    let ledger: Ledger;
    ({ h, ledger, ids } = await start());
    const before = await stored(h);
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await h!.client.callTool({ name, arguments: args });
      expect(result.isError).toBe(true);
      return textOf(result);
    };
    expect(await call("match_bank_statement", { month: "2026-13" })).toBe("month : doit être un mois valide au format AAAA-MM, par exemple 2026-11");
    expect(await call("match_bank_statement", {})).toBe("month : indiquez le mois du relevé importé (AAAA-MM), une période from/to, ou des lignes (lines)");
    expect(await call("match_bank_statement", { month: "2026-11", from: "2026-11-01" })).toBe("month : soit month, soit from/to, pas les deux");
    expect(await call("match_bank_statement", { from: "2026-11-30", to: "2026-11-01" })).toBe("to : doit être postérieure ou égale à from");
    expect(await call("match_bank_statement", { month: "2026-11", lines: [{ date: "2026-11-03", amount: "1.00", label: "x" }] })).toBe(
      "lines : soit des lignes collées, soit une période (month ou from/to), pas les deux",
    );
    const acme = ledger.acme.id;
    expect(await call("record_payment", { clientId: acme, amount: "1200.00", receivedOn: "2026-11-03", bankLineId: 999_999 })).toBe("bankLineId : ligne de relevé 999999 introuvable");
    expect(await call("record_payment", { clientId: acme, amount: "1000.00", receivedOn: "2026-11-03", bankLineId: ids.get("1200.00") })).toBe(
      `bankLineId : le montant reçu (1\u202f000,00\u00a0€) diffère de celui de la ligne de relevé ${ids.get("1200.00")} (1\u202f200,00\u00a0€)`,
    );
    expect(await call("record_payment", { clientId: acme, amount: "8.50", receivedOn: "2026-11-28", bankLineId: ids.get("-8.50") })).toMatch(/^bankLineId : le montant reçu \(8,50\u00a0€\) diffère/);
    expect(await stored(h)).toEqual(before);
    expect(await h.opened.db.select().from(pendingActions)).toEqual([]);
    const ok = await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-11" } });
    expect(ok.isError).toBeFalsy();
  });
});
