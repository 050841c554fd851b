import { describe, expect, it } from "vitest";
import { Decimal } from "../../../engine/money/money.js";
import { bankMatchResultToWire, labelCitesClient, labelCitesNumber, matchBankLines, matchBankLinesWire, type BankLine } from "../../../engine/payments/matchBankLines.js";
import type { OpenInvoice } from "../../../engine/payments/openInvoice.js";

const open = (number: string, clientName: string, outstanding: string, dueDate = "2026-03-01"): OpenInvoice => ({
  invoiceId: number.toLowerCase(),
  number,
  clientId: clientName.toLowerCase(),
  clientName,
  issueDate: "2026-02-01",
  dueDate,
  outstanding: new Decimal(outstanding),
});
const line = (id: string, amount: string, label: string, date = "2026-03-10"): BankLine => ({ id, date, amount: new Decimal(amount), label });

describe("labelCitesNumber", () => {
  it("finds the number with or without separators, but not inside a longer number", () => {
    expect(labelCitesNumber("VIR SEPA ACME REF F-2026-012", "F-2026-012")).toBe(true);
    expect(labelCitesNumber("vir acme f2026012", "F-2026-012")).toBe(true);
    expect(labelCitesNumber("VIR F 2026 012 MERCI", "F-2026-012")).toBe(true);
    expect(labelCitesNumber("VIR F-2026-0120", "F-2026-012")).toBe(false);
    expect(labelCitesNumber("VIR XF-2026-012", "F-2026-012")).toBe(false);
  });
});

describe("labelCitesClient", () => {
  it("finds the client's name as whole words, accents and legal forms ignored", () => {
    expect(labelCitesClient("VIR SEPA BETON ARME DU RHONE", "Béton Armé du Rhône SARL")).toBe(true);
    expect(labelCitesClient("PRLV ACMEX", "Acme")).toBe(false);
    expect(labelCitesClient("VIR SAS", "SAS")).toBe(false);
  });
});

describe("matchBankLines", () => {
  const invoices = () => [
    open("F-2026-001", "Acme", "1200.00"),
    open("F-2026-002", "Acme", "1200.00", "2026-03-15"),
    open("F-2026-003", "Béton Armé du Rhône", "3480.50"),
    open("F-2026-004", "Cap Formation", "990.00"),
    open("F-2026-005", "Delta", "640.00"),
  ];

  it("matches exact amount plus invoice number first, with high confidence and a French reason", () => {
    const r = matchBankLines([line("l1", "1200.00", "VIR ACME FACT F-2026-002")], invoices());
    expect(bankMatchResultToWire(r).matches).toEqual([
      {
        lineId: "l1",
        invoiceId: "f-2026-002",
        number: "F-2026-002",
        amount: "1200.00",
        rule: "amount_and_number",
        confidence: "high",
        reason: "Montant identique au reste dû (1\u202f200,00\u00a0€) et numéro F-2026-002 cité dans le libellé.",
      },
    ]);
  });

  it("then exact amount plus client name, when that client has one invoice of that amount", () => {
    const r = matchBankLines([line("l1", "3480.50", "VIR SEPA BETON ARME DU RHONE")], invoices());
    expect(r.matches.map((m) => [m.number, m.rule, m.confidence])).toEqual([["F-2026-003", "amount_and_client", "medium"]]);
  });

  it("does not guess between two invoices of the same client and amount", () => {
    const r = matchBankLines([line("l1", "1200.00", "VIR ACME")], invoices());
    expect(r.matches).toEqual([]);
    expect(r.unmatched[0]?.candidates).toEqual(["f-2026-001", "f-2026-002"]);
    expect(r.unmatched[0]?.reason).toContain("Plusieurs factures ouvertes de ce montant (F-2026-001, F-2026-002)");
  });

  it("then amount alone when it is unique, with low confidence", () => {
    const r = matchBankLines([line("l1", "990.00", "VIREMENT 88123")], invoices());
    expect(r.matches.map((m) => [m.number, m.rule, m.confidence])).toEqual([["F-2026-004", "amount_only", "low"]]);
  });

  it("does not match by amount alone when two lines share that amount", () => {
    const r = matchBankLines([line("l1", "640.00", "VIR 1"), line("l2", "640.00", "VIR 2")], invoices());
    expect(r.matches).toEqual([]);
    expect(r.unmatched.map((u) => u.lineId)).toEqual(["l1", "l2"]);
  });

  it("lets a stronger rule claim an invoice before a weaker one, whatever the line order", () => {
    // l1 (earlier) would match F-2026-004 by amount only; l2 cites its number: l2 wins, l1 stays unmatched.
    const r = matchBankLines([line("l1", "990.00", "VIREMENT", "2026-03-01"), line("l2", "990.00", "REGLEMENT F-2026-004", "2026-03-02")], invoices());
    expect(r.matches.map((m) => [m.lineId, m.number, m.confidence])).toEqual([["l2", "F-2026-004", "high"]]);
    expect(r.unmatched.map((u) => u.lineId)).toEqual(["l1"]);
  });

  it("proposes each invoice for one line only", () => {
    const r = matchBankLines([line("l1", "640.00", "F-2026-005", "2026-03-01"), line("l2", "640.00", "F-2026-005 bis", "2026-03-02")], invoices());
    expect(r.matches.map((m) => m.lineId)).toEqual(["l1"]);
    expect(r.unmatched[0]?.reason).toContain("déjà rapprochée d'une autre ligne");
  });

  it("flags a partial payment citing the number instead of matching it", () => {
    const r = matchBankLines([line("l1", "600.00", "ACOMPTE SUR F-2026-003")], invoices());
    expect(r.matches).toEqual([]);
    expect(r.unmatched).toEqual([
      {
        lineId: "l1",
        reason:
          "Le libellé cite F-2026-003 (reste dû 3\u202f480,50\u00a0€) mais le montant reçu (600,00\u00a0€) ne correspond pas : paiement partiel ou groupé possible, à répartir à la main.",
        candidates: ["f-2026-003"],
      },
    ]);
  });

  it("leaves debits and unknown credits unmatched, with a reason", () => {
    const r = matchBankLines([line("d", "-50.00", "FRAIS BANCAIRES"), line("u", "12.34", "INTERETS")], invoices());
    expect(r.matches).toEqual([]);
    expect(r.unmatched.map((u) => [u.lineId, u.reason])).toEqual([
      ["d", "Débit ou montant nul : ce n'est pas un encaissement client."],
      ["u", "Aucune facture ouverte ne correspond (12,34\u00a0€, « INTERETS »)."],
    ]);
  });

  it("returns the matches in statement order and proposes nothing twice over a mixed statement", () => {
    const r = matchBankLines(
      [
        line("a", "3480.50", "VIR BETON ARME DU RHONE", "2026-03-12"),
        line("b", "1200.00", "VIR ACME F-2026-001", "2026-03-11"),
        line("c", "990.00", "VIR 77", "2026-03-13"),
      ],
      invoices(),
    );
    expect(r.matches.map((m) => `${m.lineId}:${m.number}:${m.confidence}`)).toEqual(["b:F-2026-001:high", "a:F-2026-003:medium", "c:F-2026-004:low"]);
    expect(new Set(r.matches.map((m) => m.invoiceId)).size).toBe(3);
  });
});

describe("matchBankLinesWire", () => {
  const openWire = { invoiceId: "f1", number: "F-1", clientId: "acme", clientName: "Acme", issueDate: "2026-01-01", dueDate: "2026-02-01", outstanding: "300.00" };

  it("matches from decimal strings and answers in decimal strings", () => {
    const r = matchBankLinesWire({ lines: [{ id: "l1", date: "2026-02-03", amount: "300.00", label: "VIR ACME F-1" }], openInvoices: [openWire] });
    expect(r.matches).toEqual([expect.objectContaining({ lineId: "l1", invoiceId: "f1", amount: "300.00", confidence: "high" })]);
  });

  it("refuses duplicate line ids and malformed amounts, naming the field", () => {
    const line = { id: "l1", date: "2026-02-03", amount: "300.00", label: "x" };
    expect(() => matchBankLinesWire({ lines: [line, line], openInvoices: [] })).toThrow(/^lines\[1\]\.id : /);
    expect(() => matchBankLinesWire({ lines: [{ ...line, amount: "300,00" }], openInvoices: [] })).toThrow(/^lines\[0\]\.amount : /);
  });
});
