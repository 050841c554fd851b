import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseBankStatementCsv } from "../../../db/bank/bankStatementCsv.js";
import { importBankStatement } from "../../../db/bank/importBankStatement.js";
import { loadDemoBankStatement } from "../../../db/demo/demoBankStatement.js";
import { listBankLines } from "../../../db/repositories/bankLines.js";
import { invoices } from "../../../db/schema/invoices.js";
import { payments } from "../../../db/schema/payments.js";
import { formatEuros } from "../../../engine/money/formatEuros.js";
import { toDecimal } from "../../../engine/money/money.js";
import { pastedBankLines } from "../../../agents/offline/pastedBankLines.js";
import { deskConfirmation, type HumanConfirmation } from "../../../agents/runtime/humanConfirmation.js";
import { DEMO_TODAY, openDemoChat, type DemoChat } from "../chat/demoChat.js";

const euros = (amount: string) => formatEuros(toDecimal(amount));
const db = () => demo.chat.runtime.opened.db;

/** A scripted human at the terminal: answers the confirmation questions in order. */
function scriptedHuman(answers: string[]): { confirm: HumanConfirmation; shown: string[] } {
  const shown: string[] = [];
  const confirm = deskConfirmation({
    desk: demo.chat.desk,
    session: demo.chat.session,
    show: (text) => shown.push(text),
    ask: async () => {
      const answer = answers.shift();
      if (answer === undefined) throw new Error("no scripted answer left");
      return answer;
    },
  });
  return { confirm, shown };
}

const domainCalls = (report: { steps: readonly { toolCalls: readonly { name: string; input: unknown }[] }[] }) =>
  report.steps.flatMap((s) => s.toolCalls).filter((c) => !c.name.startsWith("find_"));

async function invoiceByNumber(number: string) {
  const [row] = await db().select().from(invoices).where(eq(invoices.number, number));
  if (!row) throw new Error(`no invoice ${number}`);
  return row;
}

let demo: DemoChat;

describe("PAYMENTS_HANDLERS.reconcile_bank", () => {
  beforeEach(async () => {
    demo = await openDemoChat({ role: "finance" });
  });
  afterEach(async () => {
    await demo.close();
  });

  it("matches the imported statement of the month named, shows the proposals as a table and records the strong one once confirmed", async () => {
    await loadDemoBankStatement(db(), DEMO_TODAY);
    const paymentsBefore = await db().select().from(payments);
    const human = scriptedHuman(["o"]);
    const report = await demo.chat.orchestrator({ confirm: human.confirm }).handle("Rapproche le relevé bancaire de novembre avec les factures");

    const calls = domainCalls(report);
    expect(calls.map((c) => c.name)).toEqual(["match_bank_statement", "record_payment"]);
    expect(calls[0]?.input).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    const strongLine = (await listBankLines(db(), {})).find((l) => l.label.includes("FACT F-2026-0041"));
    expect(calls[1]?.input).toMatchObject({ amount: "1836.00", receivedOn: "2026-11-16", allocations: [{ invoice: "F-2026-0041", amount: "1836.00" }], bankLineId: strongLine?.id });

    expect(report.answer).toMatch(/Ligne +│ +Montant │ Facture proposée +│ Confiance │ Raison/);
    expect(report.answer).toMatch(new RegExp(String.raw`16/11/2026 VIR SEPA TRANSPORTS RAVEL FACT +│ ${euros("1836.00")} │ F-2026-0041 \(Transports Ravel\) │ forte`));
    expect(report.answer).toMatch(new RegExp(String.raw`14/11/2026 VIREMENT MAISON DELORME +│ ${euros("1296.00")} │ F-2026-0040 \(Maison Delorme\) +│ moyenne`));
    expect(report.answer).toMatch(new RegExp(`│ +${euros("378.00")} │ à examiner : F-2026-0039`));
    expect(report.answer).toContain("Je propose d'enregistrer le règlement de confiance forte (F-2026-0041) : il attend votre confirmation.");
    expect(report.answer).toContain(`« enregistre le règlement de ${euros("1296.00")} de Maison Delorme sur la facture F-2026-0040 »`);
    expect(human.shown.join("\n")).toContain("Ligne de relevé rapprochée");

    // Only the confirmed strong match is stored, linked to its bank line; the medium one is left to the human.
    const added = (await db().select().from(payments)).filter((p) => !paymentsBefore.some((b) => b.id === p.id));
    expect(added.map((p) => p.amount)).toEqual(["1836.00"]);
    const lines = await listBankLines(db(), {});
    expect(lines.filter((l) => l.paymentId !== null).map((l) => [l.id, l.paymentId])).toEqual([[strongLine?.id, added[0]?.id]]);
    expect((await invoiceByNumber("F-2026-0041")).status).toBe("paid");
    expect((await invoiceByNumber("F-2026-0040")).status).not.toBe("paid");
  });

  it("records a medium match the human names afterwards WITH its bank line, so the line is not offered again", async () => {
    await loadDemoBankStatement(db(), DEMO_TODAY);
    await demo.chat.orchestrator({ confirm: scriptedHuman(["n"]).confirm }).handle("Rapproche le relevé bancaire de novembre avec les factures");
    const mediumLine = (await listBankLines(db(), {})).find((l) => l.label.includes("MAISON DELORME"));
    const paymentsBefore = await db().select().from(payments);

    const human = scriptedHuman(["o"]);
    const report = await demo.chat.orchestrator({ confirm: human.confirm }).handle(`enregistre le règlement de ${euros("1296.00")} de Maison Delorme sur la facture F-2026-0040`);
    const calls = domainCalls(report);
    expect(calls.map((c) => c.name)).toEqual(["match_bank_statement", "record_payment"]);
    expect(calls[1]?.input).toMatchObject({ amount: "1296.00", receivedOn: "2026-11-14", allocations: [{ invoice: "F-2026-0040", amount: "1296.00" }], bankLineId: mediumLine?.id });
    expect(human.shown.join("\n")).toContain("Ligne de relevé rapprochée");

    const added = (await db().select().from(payments)).filter((p) => !paymentsBefore.some((b) => b.id === p.id));
    expect(added.map((p) => [p.amount, p.receivedOn])).toEqual([["1296.00", "2026-11-14"]]);
    expect((await listBankLines(db(), {})).find((l) => l.id === mediumLine?.id)?.paymentId).toBe(added[0]?.id);
    const next = await demo.chat.orchestrator({}).handle("Rapproche le relevé bancaire de novembre avec les factures");
    expect(next.answer).not.toContain("MAISON DELORME");
  });

  it("attaches a line matched on the amount alone only when the human gives its date", async () => {
    const csv = ["Date;Date valeur;Libellé;Débit;Crédit", "20/11/2026;20/11/2026;VIR SEPA REF 88213;;1296,00", ""].join("\r\n");
    await importBankStatement(db(), { statement: parseBankStatementCsv(csv, "releve.csv"), fileName: "releve.csv", actor: "test" });
    const [stored] = await listBankLines(db(), {});
    const say = `enregistre le règlement de ${euros("1296.00")} de Maison Delorme sur la facture F-2026-0040`;

    const undated = domainCalls(await demo.chat.orchestrator({}).handle(say));
    expect(undated.map((c) => c.name)).toEqual(["match_bank_statement", "record_payment"]);
    expect(undated[1]?.input).not.toHaveProperty("bankLineId");

    const dated = domainCalls(await demo.chat.orchestrator({}).handle(`${say}, reçu le 20/11/2026`));
    expect(dated[1]?.input).toMatchObject({ receivedOn: "2026-11-20", bankLineId: stored?.id });
  });

  it("records a payment without a bank line when no imported line matches it", async () => {
    const human = scriptedHuman(["o"]);
    const report = await demo.chat.orchestrator({ confirm: human.confirm }).handle(`enregistre le règlement de ${euros("1296.00")} de Maison Delorme sur la facture F-2026-0040`);
    const calls = domainCalls(report);
    expect(calls.map((c) => c.name)).toEqual(["match_bank_statement", "record_payment"]);
    expect(calls[1]?.input).not.toHaveProperty("bankLineId");
    expect(calls[1]?.input).toMatchObject({ amount: "1296.00", allocations: [{ invoice: "F-2026-0040", amount: "1296.00" }] });
  });

  it("records nothing when the human declines the proposed payment", async () => {
    await loadDemoBankStatement(db(), DEMO_TODAY);
    const paymentsBefore = await db().select().from(payments);
    const statusBefore = (await invoiceByNumber("F-2026-0041")).status;
    const report = await demo.chat.orchestrator({ confirm: scriptedHuman(["n"]).confirm }).handle("Rapproche le relevé bancaire de novembre avec les factures");
    expect(report.steps[0]?.confirmations.map((c) => c.status)).toEqual(["declined"]);
    expect(await db().select().from(payments)).toEqual(paymentsBefore);
    expect((await listBankLines(db(), {})).every((l) => l.paymentId === null)).toBe(true);
    expect((await invoiceByNumber("F-2026-0041")).status).toBe(statusBefore);
  });

  it("reads every unmatched stored line up to today when no period is named", async () => {
    await loadDemoBankStatement(db(), DEMO_TODAY);
    const report = await demo.chat.orchestrator({}).handle("Fais le rapprochement bancaire");
    const calls = domainCalls(report);
    expect(calls[0]).toMatchObject({ name: "match_bank_statement", input: { to: DEMO_TODAY } });
    expect(report.answer).toContain("F-2026-0041 (Transports Ravel)");
    expect(report.steps[0]?.pendingActions).toHaveLength(1);
  });

  it("asks for the statement when no period is named and nothing is stored, proposing nothing", async () => {
    const report = await demo.chat.orchestrator({}).handle("Fais le rapprochement bancaire");
    expect(domainCalls(report).map((c) => c.name)).toEqual(["match_bank_statement"]);
    expect(report.answer).toContain("facturation import-bank FICHIER");
    expect(report.answer).toContain("collez ses lignes de crédit");
    expect(report.steps[0]?.pendingActions).toEqual([]);
  });

  it("says the month has no imported line when a period is named and nothing is stored", async () => {
    const report = await demo.chat.orchestrator({}).handle("Rapproche le relevé bancaire de novembre avec les factures");
    expect(report.answer).toBe("Aucun encaissement importé et non rapproché de novembre 2026 : importez le relevé avec « facturation import-bank FICHIER ».");
    expect(report.steps[0]?.pendingActions).toEqual([]);
  });

  it("matches the lines pasted in the request", async () => {
    const report = await demo.chat.orchestrator({}).handle("Rapproche ces lignes du relevé bancaire :\n16/11/2026 ; 1 836,00 ; VIR SEPA TRANSPORTS RAVEL FACT F-2026-0041");
    const calls = domainCalls(report);
    expect(calls[0]).toMatchObject({ name: "match_bank_statement", input: { lines: [{ date: "2026-11-16", amount: "1836.00", label: "VIR SEPA TRANSPORTS RAVEL FACT F-2026-0041" }] } });
    expect(calls[1]).toMatchObject({ name: "record_payment", input: { amount: "1836.00", allocations: [{ invoice: "F-2026-0041", amount: "1836.00" }] } });
    expect(report.answer).toContain("1 ligne examinée");
  });
});

describe("PAYMENTS_HANDLERS.dso, recovery_rate and payment_status (chiffre d'affaires)", () => {
  beforeAll(async () => {
    demo = await openDemoChat();
  });
  afterAll(async () => {
    await demo.close();
  });

  const ask = async (text: string) => {
    const report = await demo.chat.orchestrator({}).handle(text);
    const summary = domainCalls(report).filter((c) => c.name === "get_receivables_summary");
    return { answer: report.answer, inputs: summary.map((c) => c.input) };
  };

  it("passes the period named (« ce trimestre ») to the summary, cut at today while it runs, and says so", async () => {
    const { answer, inputs } = await ask("Quel est le DSO ce trimestre ?");
    expect(inputs).toEqual([{ from: "2026-10-01" }]);
    expect(answer).toMatch(/^DSO : [\d,]+ jours \(objectif ≤ 30, alerte au-delà de 45\) — période du 01\/10\/2026 au 25\/11\/2026 \(période en cours, arrêtée à aujourd'hui\)\.$/m);
  });

  it("closes a past period at its last day (« le mois dernier »)", async () => {
    const { answer, inputs } = await ask("Quel est le chiffre d'affaires du mois dernier ?");
    expect(inputs).toEqual([{ from: "2026-10-01", asOf: "2026-10-31" }]);
    expect(answer).toMatch(/^Chiffre d'affaires TTC facturé sur la période du 01\/10\/2026 au 31\/10\/2026, avoirs déduits : /);
  });

  it("says which period the figure covers when none is named (the last 90 days)", async () => {
    const { answer, inputs } = await ask("Quel est notre taux de recouvrement ?");
    expect(inputs).toEqual([{}]);
    expect(answer).toContain("— période des 90 derniers jours (du 28/08/2026 au 25/11/2026).");
  });

  it("computes nothing for a period that has not started", async () => {
    const { answer, inputs } = await ask("Quel sera le DSO du trimestre prochain ?");
    expect(inputs).toEqual([]);
    expect(answer).toBe("La période demandée (du 01/01/2027 au 31/03/2027) n'a pas encore commencé : aucun indicateur à calculer.");
  });
});

describe("pastedBankLines", () => {
  it("reads date, amount and label separated by ; | or a tab, skipping debits and non-lines", () => {
    const text = [
      "Voici le relevé :",
      "03/11/2026 ; 16 200,00 ; VIR ACME INDUSTRIES F-2026-0042",
      "4/11/2026 | 1.200,50 | VIREMENT KIWI",
      "05/11/2026\t-63,90\tCB FOURNITURES",
      "31/02/2026 ; 10,00 ; DATE IMPOSSIBLE",
    ].join("\n");
    expect(pastedBankLines(text)).toEqual([
      { date: "2026-11-03", amount: "16200.00", label: "VIR ACME INDUSTRIES F-2026-0042" },
      { date: "2026-11-04", amount: "1200.50", label: "VIREMENT KIWI" },
    ]);
  });
});
