import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBankStatementCamt053 } from "../../../db/bank/bankStatementCamt053.js";

const FIXTURE = readFileSync(new URL("../../fixtures/bank/releve-novembre.camt053.xml", import.meta.url), "utf8");

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a refusal");
}

describe("parseBankStatementCamt053", () => {
  it("reads booked entries: signed amounts, dates, label from the entry, debtor and remittance, the bank's reference, the IBAN", () => {
    const statement = parseBankStatementCamt053(FIXTURE, "releve.xml");
    expect(statement.account).toBe("FR7630006000011234567890189");
    expect(statement.lines).toEqual([
      {
        bookingDate: "2026-11-03",
        valueDate: "2026-11-03",
        amount: "1200.00",
        label: "VIR SEPA RECU ACME INDUSTRIE FACTURE F-2026-00001",
        reference: "BQ-0001",
        source: "releve.xml relevé 1, opération 1",
      },
      { bookingDate: "2026-11-05", valueDate: null, amount: "-1254.00", label: "PRLV SEPA URSSAF", reference: null, source: "releve.xml relevé 1, opération 2" },
    ]);
  });

  it("refuses another currency, an unknown direction, a file that is not a statement, naming the entry and element", () => {
    expect(refusal(() => parseBankStatementCamt053(FIXTURE.replace('Ccy="EUR">1200.00', 'Ccy="USD">1200.00'), "r.xml"))).toBe(
      "r.xml relevé 1, opération 1, Amt : seuls les relevés en euros sont acceptés (reçu USD)",
    );
    expect(refusal(() => parseBankStatementCamt053(FIXTURE.replace("<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>X</CdtDbtInd>"), "r.xml"))).toBe(
      "r.xml relevé 1, opération 1, CdtDbtInd : sens inconnu « X » (CRDT ou DBIT)",
    );
    expect(refusal(() => parseBankStatementCamt053("<Document><Autre/></Document>", "r.xml"))).toBe("r.xml : ce n'est pas un relevé CAMT.053 (Document/BkToCstmrStmt/Stmt absent)");
    expect(refusal(() => parseBankStatementCamt053("<Document><", "r.xml"))).toMatch(/^r\.xml : XML illisible/);
  });
});
