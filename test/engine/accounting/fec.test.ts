import { describe, expect, it } from "vitest";
import { FEC_COLUMNS, type FecEntry, buildFec, fecAmount, fecFileName, fecTotals } from "../../../engine/accounting/fec.js";
import { RuleError } from "../../../engine/errors.js";
import { Decimal, toAmountString } from "../../../engine/money/money.js";

const d = (s: string) => new Decimal(s);

function invoiceEntry(over: Partial<FecEntry> = {}): FecEntry {
  return {
    journalCode: "VE",
    journalLabel: "Journal des ventes",
    number: "VE-000001",
    date: "2026-03-20",
    pieceRef: "F-2026-00001",
    pieceDate: "2026-03-20",
    label: "Facture F-2026-00001 Acme",
    validationDate: "2026-03-20",
    lines: [
      { account: "411", accountLabel: "Clients", auxiliaryAccount: "C0001", auxiliaryLabel: "Acme Industrie SA", debit: d("11190.00"), credit: d("0") },
      { account: "706", accountLabel: "Prestations de services", debit: d("0"), credit: d("9325.00") },
      { account: "44574", accountLabel: "TVA collectée en attente", debit: d("0"), credit: d("1865.00") },
    ],
    ...over,
  };
}

const paymentEntry: FecEntry = {
  journalCode: "BQ",
  journalLabel: "Banque",
  number: "BQ-000001",
  date: "2026-03-05",
  pieceRef: "VIR-778",
  pieceDate: "2026-03-05",
  label: "Règlement Acme\tvirement",
  validationDate: "2026-03-05",
  lines: [
    { account: "512", accountLabel: "Banque", debit: d("100.50"), credit: d("0") },
    { account: "411", accountLabel: "Clients", auxiliaryAccount: "C0001", auxiliaryLabel: "Acme", debit: d("0"), credit: d("100.50"), lettering: { code: "AA", date: "2026-03-06" } },
  ],
};

describe("buildFec", () => {
  it("writes the header of the 18 columns in the order of art. A47 A-1 LPF, tab-separated", () => {
    const [header] = buildFec([invoiceEntry()]).split("\r\n");
    expect(header?.split("\t")).toEqual([...FEC_COLUMNS]);
    expect(FEC_COLUMNS).toHaveLength(18);
  });

  it("writes one line per ledger line with 18 fields, dates YYYYMMDD and comma decimals", () => {
    const lines = buildFec([invoiceEntry()]).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l.split("\t")).toHaveLength(18);
    expect(lines[1]?.split("\t")).toEqual([
      "VE", "Journal des ventes", "VE-000001", "20260320", "411", "Clients", "C0001", "Acme Industrie SA",
      "F-2026-00001", "20260320", "Facture F-2026-00001 Acme", "11190,00", "0,00", "", "", "20260320", "", "",
    ]);
    expect(lines[2]?.split("\t").slice(11, 13)).toEqual(["0,00", "9325,00"]);
  });

  it("orders entries by date, writes lettering and removes tabs from labels", () => {
    const lines = buildFec([invoiceEntry(), paymentEntry]).split("\r\n").filter(Boolean);
    expect(lines[1]?.startsWith("BQ\tBanque\tBQ-000001\t20260305")).toBe(true);
    expect(lines[1]?.split("\t")[10]).toBe("Règlement Acme virement");
    expect(lines[2]?.split("\t").slice(13, 15)).toEqual(["AA", "20260306"]);
  });

  it("refuses an unbalanced entry, naming it, and produces nothing", () => {
    const unbalanced = invoiceEntry({ lines: [...invoiceEntry().lines.slice(0, 2)] });
    expect(() => buildFec([paymentEntry, unbalanced])).toThrow(RuleError);
    expect(() => buildFec([paymentEntry, unbalanced])).toThrow("écriture VE VE-000001 (F-2026-00001) : déséquilibrée (débit 11190,00, crédit 9325,00)");
  });

  it("refuses a line with both a debit and a credit, or a negative amount", () => {
    const both = invoiceEntry({ lines: [{ account: "512", accountLabel: "Banque", debit: d("1"), credit: d("1") }, ...invoiceEntry().lines] });
    expect(() => buildFec([both])).toThrow(/ligne 1 : un montant positif/);
    const negative = invoiceEntry({ lines: [{ account: "512", accountLabel: "Banque", debit: d("-1"), credit: d("0") }, { account: "706", accountLabel: "x", debit: d("-1"), credit: d("0") }] });
    expect(() => buildFec([negative])).toThrow(RuleError);
  });

  it("balances to the cent over the whole file", () => {
    const totals = fecTotals([invoiceEntry(), paymentEntry]);
    expect(totals.lines).toBe(5);
    expect(toAmountString(totals.debit)).toBe("11290.50");
    expect(toAmountString(totals.credit)).toBe("11290.50");
  });
});

describe("fecAmount", () => {
  it("writes 1234.5 as 1234,50 and 0 as 0,00, without thousands separator", () => {
    expect(fecAmount(d("1234.5"))).toBe("1234,50");
    expect(fecAmount(d("0"))).toBe("0,00");
    expect(fecAmount(d("1234567.891"))).toBe("1234567,89");
  });
});

describe("fecFileName", () => {
  it("is <SIREN>FEC<closing date>.txt", () => {
    expect(fecFileName("123456782", "2026-12-31")).toBe("123456782FEC20261231.txt");
  });
});
