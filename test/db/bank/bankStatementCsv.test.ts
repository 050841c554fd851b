import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBankAmount } from "../../../db/bank/bankAmount.js";
import { parseBankDate } from "../../../db/bank/bankDate.js";
import { parseBankStatementCsv } from "../../../db/bank/bankStatementCsv.js";
import { decodeStatementBytes, statementFormatOf } from "../../../db/bank/readBankStatementFile.js";

const FIXTURE = new URL("../../fixtures/bank/releve-novembre.csv", import.meta.url);

/** The error message `f()` throws (so tests can assert the exact French text). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a refusal");
}

describe("parseBankAmount", () => {
  it.each([
    ["1 234,56", "1234.56"],
    ["1\u202f234,56", "1234.56"],
    ["1.234,56", "1234.56"],
    ["1,234.56", "1234.56"],
    ["-45,90", "-45.90"],
    ["+1200,00 €", "1200.00"],
    ["1234.5", "1234.50"],
    ["12 000", "12000.00"],
    ["0,01", "0.01"],
  ])("reads « %s » as %s", (text, expected) => {
    expect(parseBankAmount(text)).toBe(expected);
  });

  it.each(["", "abc", "12,345", "1.234.567", "1,2,3", "12,3,4", "--5", "1e3"])("refuses « %s »", (text) => {
    expect(parseBankAmount(text)).toBeUndefined();
  });
});

describe("parseBankDate", () => {
  it.each([
    ["14/11/2026", "2026-11-14"],
    ["4/1/2026", "2026-01-04"],
    ["14-11-2026", "2026-11-14"],
    ["14.11.26", "2026-11-14"],
    ["2026-11-14", "2026-11-14"],
    ["20261114", "2026-11-14"],
    ["2026-11-14T10:00:00+01:00", "2026-11-14"],
  ])("reads « %s » as %s", (text, expected) => {
    expect(parseBankDate(text)).toBe(expected);
  });

  it.each(["31/11/2026", "2026-13-01", "hier", ""])("refuses « %s »", (text) => {
    expect(parseBankDate(text)).toBeUndefined();
  });
});

describe("parseBankStatementCsv", () => {
  it("reads a French bank export: preamble skipped, débit negative, crédit positive, line numbers of the file", () => {
    const statement = parseBankStatementCsv(readFileSync(FIXTURE, "utf8"), "releve-novembre.csv");
    expect(statement.account).toBeNull();
    expect(statement.lines.map((l) => [l.bookingDate, l.amount, l.label])).toEqual([
      ["2026-10-31", "12000.00", "VIR SEPA BETA CONSEIL F-2026-00003"],
      ["2026-11-03", "1200.00", "VIR SEPA ACME INDUSTRIE FACT F-2026-00001"],
      ["2026-11-05", "-1254.00", "PRLV SEPA URSSAF"],
      ["2026-11-12", "120.00", "VIREMENT BETA CONSEIL"],
      ["2026-11-18", "300.00", "VIR 4471"],
      ["2026-11-20", "250.00", "ACME F 2026 00002 ACOMPTE"],
      ["2026-11-28", "-8.50", "FRAIS TENUE DE COMPTE"],
      ["2026-11-28", "-8.50", "FRAIS TENUE DE COMPTE"],
    ]);
    expect(statement.lines[4]).toMatchObject({ valueDate: "2026-11-19", reference: null, source: "releve-novembre.csv ligne 9" });
  });

  it("reads a signed Montant column, a reference, a currency, and ignores other columns", () => {
    const csv = "Date opération;Libellé opération;Référence;Montant;Devise;Solde\n02/11/2026;VIR CLIENT;REF-1;-12,30;EUR;100,00\n03/11/2026;  VIR   AUTRE ;;45;EUR;145,00\n";
    const { lines } = parseBankStatementCsv(csv, "r.csv");
    expect(lines.map((l) => [l.bookingDate, l.amount, l.label, l.reference, l.valueDate])).toEqual([
      ["2026-11-02", "-12.30", "VIR CLIENT", "REF-1", null],
      ["2026-11-03", "45.00", "VIR AUTRE", null, null],
    ]);
  });

  it("reads comma-separated files with quoted comma decimals", () => {
    const csv = 'date,libelle,debit,credit\n2026-11-02,"VIR ACME, FACT 12",,"1 200,50"\n';
    expect(parseBankStatementCsv(csv, "r.csv").lines.map((l) => l.amount)).toEqual(["1200.50"]);
  });

  it("refuses a bad line naming the file, the line and the column as written in the header", () => {
    const header = "Date;Libellé;Débit;Crédit\n";
    expect(refusal(() => parseBankStatementCsv(`${header}01/11/2026;A;;10,00\n31/11/2026;B;;5,00\n`, "r.csv"))).toBe(
      "r.csv ligne 3, colonne Date : date invalide « 31/11/2026 » (JJ/MM/AAAA ou AAAA-MM-JJ)",
    );
    expect(refusal(() => parseBankStatementCsv(`${header}01/11/2026;A;;10,005\n`, "r.csv"))).toBe("r.csv ligne 2, colonne Crédit : montant invalide « 10,005 » (ex. 1 234,56)");
    expect(refusal(() => parseBankStatementCsv(`${header}01/11/2026;A;3,00;10,00\n`, "r.csv"))).toBe(
      "r.csv ligne 2, colonne Crédit : débit et crédit remplis sur la même ligne : un seul des deux est attendu",
    );
    expect(refusal(() => parseBankStatementCsv(`${header}01/11/2026;A;;\n`, "r.csv"))).toBe("r.csv ligne 2, colonne Crédit : ni débit ni crédit : un montant est attendu");
    expect(refusal(() => parseBankStatementCsv(`${header}01/11/2026;;;4,00\n`, "r.csv"))).toBe("r.csv ligne 2, colonne Libellé : est obligatoire");
    expect(refusal(() => parseBankStatementCsv("Date;Libellé;Montant;Devise\n01/11/2026;A;4,00;USD\n", "r.csv"))).toBe(
      "r.csv ligne 2, colonne Devise : seuls les relevés en euros sont acceptés (reçu « USD »)",
    );
  });

  it("refuses a file without a recognisable header, or without lines", () => {
    expect(refusal(() => parseBankStatementCsv("Quand;Quoi;Combien\n01/11/2026;A;4\n", "r.csv"))).toMatch(/^r\.csv : aucune ligne d'en-tête reconnue dans les 30 premières lignes/);
    expect(refusal(() => parseBankStatementCsv("Date;Libellé;Montant\n", "r.csv"))).toBe("r.csv : aucune opération après l'en-tête");
  });
});

describe("decodeStatementBytes", () => {
  it("reads UTF-8, and Windows-1252 when the bytes are not UTF-8", () => {
    expect(decodeStatementBytes(new TextEncoder().encode("Libellé"))).toBe("Libellé");
    expect(decodeStatementBytes(Uint8Array.from([0x4c, 0x69, 0x62, 0x65, 0x6c, 0x6c, 0xe9, 0x3b, 0x80]))).toBe("Libellé;€");
  });
});

describe("statementFormatOf", () => {
  it("takes --format, else the extension", () => {
    expect(statementFormatOf("a.csv")).toBe("csv");
    expect(statementFormatOf("a.XML")).toBe("camt053");
    expect(statementFormatOf("a.txt", "CAMT.053")).toBe("camt053");
    expect(refusal(() => statementFormatOf("a.csv", "qif"))).toBe("--format : format inconnu « qif » (csv ou camt053)");
  });
});
