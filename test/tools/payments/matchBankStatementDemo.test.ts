import { afterEach, describe, expect, it } from "vitest";
import { parseBankStatementCsv } from "../../../db/bank/bankStatementCsv.js";
import { demoBankStatement, loadDemoBankStatement } from "../../../db/demo/demoBankStatement.js";
import { bankLines } from "../../../db/schema/bankLines.js";
import { matchBankStatementTool } from "../../../tools/payments/matchBankStatement.js";
import { loadDemoData } from "../../../db/demo/ensureDemoData.js";
import { pgliteBackend } from "../../db/backends.js";
import { startHarness, type Harness } from "../harness.js";
import { startWithLedger } from "./paymentsFixtures.js";

const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0]?.text ?? "";

describe("demoBankStatement", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("builds the month's statement from the open invoices: a French bank CSV that import-bank reads", async () => {
    ({ h } = await startWithLedger({ tools: [matchBankStatementTool] }));
    const statement = await demoBankStatement(h.opened.db, "2026-03-21");
    expect(statement.fileName).toBe("releve-mars-2026.csv");
    expect(statement.month).toBe("2026-03");
    expect(parseBankStatementCsv(statement.csv, statement.fileName).lines.map((l) => [l.bookingDate, l.amount, l.label])).toEqual([
      ["2026-03-04", "300.00", "VIR SEPA ACME INDUSTRIE FACT F-2026-00004"],
      ["2026-03-05", "-1254.00", "PRLV SEPA URSSAF RHONE ALPES"],
      ["2026-03-09", "12000.00", "VIREMENT BÊTA CONSEIL"],
      ["2026-03-10", "-63.90", "CB FOURNITURES BUREAU LYON"],
      ["2026-03-15", "300.00", "VIR ACME INDUSTRIE ACOMPTE F-2026-00002"],
      ["2026-03-20", "-8.50", "FRAIS TENUE DE COMPTE"],
    ]);
    expect(statement.csv).toContain("09/03/2026;09/03/2026;VIREMENT BÊTA CONSEIL;;12 000,00\r\n");
  });

  it("once imported, « le relevé de mars » gives a strong and a medium proposal and explains the partial payment; a second load changes nothing", async () => {
    ({ h } = await startWithLedger({ tools: [matchBankStatementTool] }));
    h.clock.now = new Date("2026-03-21T09:00:00Z");
    const loaded = await loadDemoBankStatement(h.opened.db, "2026-03-21");
    expect(loaded.imported).toMatchObject({ read: 6, inserted: 6 });
    expect((await loadDemoBankStatement(h.opened.db, "2026-03-21")).imported).toMatchObject({ inserted: 0, alreadyImported: 6 });
    expect(await h.opened.db.select().from(bankLines)).toHaveLength(6);

    const result = await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-03" } });
    const s = result.structuredContent as { matches: { number: string; confidence: string; amount: string }[]; unmatched: { candidates: string[] }[] };
    expect(s.matches.map((m) => [m.number, m.confidence, m.amount])).toEqual([
      ["F-2026-00004", "high", "300.00"],
      ["F-2026-00003", "medium", "12000.00"],
    ]);
    expect(s.unmatched.map((u) => u.candidates)).toEqual([["F-2026-00002"]]);
    expect(textOf(result).split("\n")[0]).toBe("3 encaissements du relevé de mars 2026 non rapprochés : 2 propositions, 1 sans correspondance. Rien n'a été enregistré.");
  });

  it("on the demo company: « Rapproche le relevé bancaire de novembre » proposes and explains, the example invoices left alone", async () => {
    const opened = await pgliteBackend.fresh();
    await loadDemoData(opened.db, "2026-12-01");
    h = await startHarness({ tools: [matchBankStatementTool], database: opened });
    h.clock.now = new Date("2026-12-01T09:00:00Z");
    const loaded = await loadDemoBankStatement(opened.db, "2026-12-01");
    expect(loaded.fileName).toBe("releve-novembre-2026.csv");
    const s = (await h.client.callTool({ name: "match_bank_statement", arguments: { month: "2026-11" } })).structuredContent as {
      matches: { number: string; confidence: string }[];
      unmatched: { candidates: string[]; reason: string }[];
    };
    expect(s.matches.map((m) => m.confidence)).toEqual(["medium", "high"]);
    expect(s.unmatched).toHaveLength(1);
    expect(s.unmatched[0]?.reason).toMatch(/^Le libellé cite F-2026-\d{4} .* paiement partiel ou groupé possible/);
    const named = ["F-2026-0007", "F-2026-0018", "F-2026-0031", "F-2026-0042"];
    expect([...s.matches.map((m) => m.number), ...s.unmatched.flatMap((u) => u.candidates)].filter((n) => named.includes(n))).toEqual([]);
  }, 60_000);
});
