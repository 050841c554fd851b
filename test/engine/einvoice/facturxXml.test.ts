import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFacturxXml, electronicAddress, facturxProblems } from "../../../engine/einvoice/facturxXml.js";
import { InputError } from "../../../engine/errors.js";
import type { InvoiceDocument } from "../../../engine/invoice/invoiceDocument.js";
import { Decimal, roundCents, sum, toAmountString } from "../../../engine/money/money.js";
import { buyer, document, line, sampleDocuments, seller } from "./documents.js";
import { parseXml, select, single, texts, writeOutput, xsdErrors } from "./facturxTestKit.js";

const SETTLEMENT = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement";
const SUMS = `${SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation`;
const LINES = "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem";

function invoiceOf(xml: string) {
  return select(parseXml(xml), "rsm:CrossIndustryInvoice")[0];
}

const d = (s: string) => new Decimal(s);

/** Each line of the XML with its category, rate and net. */
function xmlLines(inv: unknown) {
  return select(inv, LINES).map((l) => ({
    category: single(l, "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode"),
    rate: single(l, "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent"),
    net: single(l, "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"),
    quantity: single(l, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity"),
    price: single(l, "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount"),
  }));
}

function xmlVatRows(inv: unknown) {
  return select(inv, `${SETTLEMENT}/ram:ApplicableTradeTax`).map((t) => ({
    category: single(t, "ram:CategoryCode"),
    rate: single(t, "ram:RateApplicablePercent"),
    base: single(t, "ram:BasisAmount"),
    vat: single(t, "ram:CalculatedAmount"),
    exemptionReason: texts(t, "ram:ExemptionReason")[0],
    exemptionCode: texts(t, "ram:ExemptionReasonCode")[0],
  }));
}

/** The EN 16931 calculation rules on one generated document; returns the broken ones. */
function brokenBusinessRules(xml: string): string[] {
  const inv = invoiceOf(xml);
  const broken: string[] = [];
  const lines = xmlLines(inv);
  const rows = xmlVatRows(inv);
  const total = (name: string) => d(single(inv, `${SUMS}/ram:${name}`));
  const prepaid = texts(inv, `${SUMS}/ram:TotalPrepaidAmount`).map(d)[0] ?? d("0");
  if (!sum(lines.map((l) => d(l.net))).equals(total("LineTotalAmount"))) broken.push("BR-CO-10");
  if (!total("TaxBasisTotalAmount").equals(total("LineTotalAmount"))) broken.push("BR-CO-13");
  if (!sum(rows.map((r) => d(r.vat))).equals(total("TaxTotalAmount"))) broken.push("BR-CO-14");
  if (!total("GrandTotalAmount").equals(total("TaxBasisTotalAmount").plus(total("TaxTotalAmount")))) broken.push("BR-CO-15");
  if (!total("DuePayableAmount").equals(total("GrandTotalAmount").minus(prepaid))) broken.push("BR-CO-16");
  for (const r of rows) {
    if (!d(r.vat).equals(roundCents(d(r.base).times(d(r.rate)).dividedBy(100)))) broken.push(`BR-CO-17 ${r.category} ${r.rate}`);
    const linesOfRow = lines.filter((l) => l.category === r.category && l.rate === r.rate);
    const base = sum(linesOfRow.map((l) => d(l.net)));
    if (r.category === "S") {
      if (!d(r.base).equals(base)) broken.push(`BR-S-08 ${r.rate}`);
      if (!d(r.vat).equals(roundCents(d(r.base).times(d(r.rate)).dividedBy(100)))) broken.push(`BR-S-09 ${r.rate}`);
    }
    if (r.category === "E") {
      if (!d(r.base).equals(base)) broken.push("BR-E-08");
      if (!d(r.vat).isZero()) broken.push("BR-E-09");
      if (!r.exemptionReason && !r.exemptionCode) broken.push("BR-E-10");
      if (r.rate !== "0") broken.push("BR-E-05");
    }
  }
  // Decimals: amounts with at most 2 decimals (BR-DEC-*), quantities 4 (BR-FR-DEC-02), prices 6 and positive (BR-27, BR-FR-DEC-03).
  const amounts = [
    ...lines.map((l) => l.net),
    ...rows.flatMap((r) => [r.base, r.vat]),
    ...["LineTotalAmount", "TaxBasisTotalAmount", "TaxTotalAmount", "GrandTotalAmount", "DuePayableAmount"].map((n) => single(inv, `${SUMS}/ram:${n}`)),
  ];
  if (!amounts.every((a) => /^-?\d+(\.\d{1,2})?$/.test(a))) broken.push("BR-DEC amounts");
  if (!lines.every((l) => /^-?\d+(\.\d{1,4})?$/.test(l.quantity))) broken.push("BR-FR-DEC-02");
  if (!lines.every((l) => /^\d+(\.\d{1,6})?$/.test(l.price))) broken.push("BR-27 / BR-FR-DEC-03");
  return broken;
}

const samples = sampleDocuments();

describe("buildFacturxXml", () => {
  for (const [name, doc] of Object.entries(samples)) {
    it(`produces a ${name} document valid against the Factur-X EN16931 XSD and the EN 16931 calculation rules`, async () => {
      const xml = buildFacturxXml(doc);
      writeOutput(`${name}.xml`, xml);
      expect(await xsdErrors(xml)).toEqual([]);
      expect(brokenBusinessRules(xml)).toEqual([]);
    });
  }

  it("states the amount payable equal to the engine's amount due, to the cent, for every kind", () => {
    for (const doc of Object.values(samples)) {
      const inv = invoiceOf(buildFacturxXml(doc));
      expect(single(inv, `${SUMS}/ram:DuePayableAmount`)).toBe(toAmountString(doc.totals.amountDue.abs()));
      expect(single(inv, `${SUMS}/ram:TaxTotalAmount`)).toBe(toAmountString(doc.totals.vatAmount.abs()));
    }
  });

  it("writes a plain service invoice as TypeCode 380, cadre S1, with its legal identities", () => {
    const inv = invoiceOf(buildFacturxXml(samples["plain-invoice"] as InvoiceDocument));
    expect(single(inv, "rsm:ExchangedDocument/ram:TypeCode")).toBe("380");
    expect(single(inv, "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID")).toBe("S1");
    expect(single(inv, "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID")).toBe("urn:cen.eu:en16931:2017");
    const sellerParty = select(inv, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty")[0];
    expect(select(sellerParty, "ram:SpecifiedLegalOrganization/ram:ID")).toEqual([{ "@schemeID": "0002", "#": "123456782" }]);
    expect(select(sellerParty, "ram:GlobalID")).toEqual([{ "@schemeID": "0009", "#": "12345678200017" }]);
    expect(select(sellerParty, "ram:URIUniversalCommunication/ram:URIID")).toEqual([{ "@schemeID": "0225", "#": "123456782" }]);
    expect(select(sellerParty, "ram:SpecifiedTaxRegistration/ram:ID")).toEqual([{ "@schemeID": "VA", "#": "FR40123456782" }]);
    const buyerParty = select(inv, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty")[0];
    expect(select(buyerParty, "ram:SpecifiedLegalOrganization/ram:ID")).toEqual([{ "@schemeID": "0002", "#": "987654321" }]);
    expect(select(buyerParty, "ram:URIUniversalCommunication/ram:URIID")).toEqual([{ "@schemeID": "0225", "#": "987654321" }]);
    expect(single(inv, `${SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode`)).toBe("58");
    expect(single(inv, `${SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayeePartyCreditorFinancialAccount/ram:IBANID`)).toBe(seller.iban);
    expect(single(inv, `${SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString`)).toBe("20260419");
    // 12.5 days × 650.00 + 1 200.00 = 9 325.00 HT, 1 865.00 TVA, 11 190.00 TTC
    expect(single(inv, `${SUMS}/ram:LineTotalAmount`)).toBe("9325.00");
    expect(single(inv, `${SUMS}/ram:TaxTotalAmount`)).toBe("1865.00");
    expect(single(inv, `${SUMS}/ram:GrandTotalAmount`)).toBe("11190.00");
  });

  it("carries the mandatory notes PMT, PMD and AAB exactly once each (BR-FR-05/06)", () => {
    for (const doc of Object.values(samples)) {
      const codes = texts(invoiceOf(buildFacturxXml(doc)), "rsm:ExchangedDocument/ram:IncludedNote/ram:SubjectCode");
      for (const code of ["PMT", "PMD", "AAB"]) expect(codes.filter((c) => c === code)).toHaveLength(1);
    }
    const notes = select(invoiceOf(buildFacturxXml(samples["plain-invoice"] as InvoiceDocument)), "rsm:ExchangedDocument/ram:IncludedNote");
    const pmd = notes.find((n) => single(n, "ram:SubjectCode") === "PMD");
    expect(single(pmd, "ram:Content")).toContain("12,15\u00a0%");
    const pmt = notes.find((n) => single(n, "ram:SubjectCode") === "PMT");
    expect(single(pmt, "ram:Content")).toContain("40\u00a0€");
  });

  it("breaks VAT down per rate on a multi-rate invoice, VAT computed once per rate", () => {
    const rows = xmlVatRows(invoiceOf(buildFacturxXml(samples["multi-rate-vat"] as InvoiceDocument)));
    expect(rows.map((r) => [r.category, r.rate, r.base, r.vat])).toEqual([
      ["S", "20", "2400.00", "480.00"],
      ["S", "5.5", "2450.00", "134.75"],
      ["S", "10", "1333.33", "133.33"],
    ]);
    const inv = invoiceOf(buildFacturxXml(samples["multi-rate-vat"] as InvoiceDocument));
    expect(single(inv, "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID")).toBe("M1");
  });

  it("states a 0 % exempt invoice in category E with its exemption reason and code (BR-E-10)", () => {
    const rows = xmlVatRows(invoiceOf(buildFacturxXml(samples["exempt-0-percent"] as InvoiceDocument)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: "E", rate: "0", base: "690.00", vat: "0.00", exemptionCode: "VATEX-EU-132" });
    expect(rows[0]?.exemptionReason).toContain("261-4-4°");
  });

  it("writes a deposit invoice as TypeCode 386 in cadre S1", () => {
    const inv = invoiceOf(buildFacturxXml(samples["deposit-1"] as InvoiceDocument));
    expect(single(inv, "rsm:ExchangedDocument/ram:TypeCode")).toBe("386");
    expect(single(inv, "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID")).toBe("S1");
    expect(single(inv, `${SUMS}/ram:DuePayableAmount`)).toBe("5400.00");
  });

  it("writes a final invoice after two deposits in cadre S4, deducting each deposit by a negative line and referencing it", () => {
    const doc = samples["final-after-two-deposits"] as InvoiceDocument;
    const inv = invoiceOf(buildFacturxXml(doc));
    expect(single(inv, "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID")).toBe("S4");
    expect(single(inv, "rsm:ExchangedDocument/ram:TypeCode")).toBe("380");
    expect(xmlLines(inv).map((l) => [l.quantity, l.price, l.net])).toEqual([
      ["1", "15000.00", "15000.00"],
      ["-1", "4500.00", "-4500.00"],
      ["-1", "4500.00", "-4500.00"],
    ]);
    const refs = select(inv, `${SETTLEMENT}/ram:InvoiceReferencedDocument`).map((r) => [
      single(r, "ram:IssuerAssignedID"),
      single(r, "ram:FormattedIssueDateTime/qdt:DateTimeString"),
    ]);
    expect(refs).toEqual([["FA-2026-00001", "20260105"], ["FA-2026-00002", "20260210"]]);
    // 15 000 − 2 × 4 500 = 6 000 HT, 1 200 TVA: 7 200.00 to pay, what the engine says; nothing stated as prepaid.
    expect(single(inv, `${SUMS}/ram:LineTotalAmount`)).toBe("6000.00");
    expect(single(inv, `${SUMS}/ram:DuePayableAmount`)).toBe(toAmountString(doc.totals.amountDue));
    expect(single(inv, `${SUMS}/ram:DuePayableAmount`)).toBe("7200.00");
    expect(texts(inv, `${SUMS}/ram:TotalPrepaidAmount`)).toEqual([]);
    const notes = texts(inv, `${LINES}/ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content`);
    expect(notes).toEqual([
      "Déduction de la facture d'acompte n° FA-2026-00001 du 05/01/2026",
      "Déduction de la facture d'acompte n° FA-2026-00002 du 10/02/2026",
    ]);
  });

  it("states a total credit note (stored negative) with positive amounts, TypeCode 381 and the corrected invoice (BT-25/26)", () => {
    const doc = samples["credit-note-total"] as InvoiceDocument;
    expect(doc.totals.amountDue.isNegative()).toBe(true);
    const inv = invoiceOf(buildFacturxXml(doc));
    expect(single(inv, "rsm:ExchangedDocument/ram:TypeCode")).toBe("381");
    expect(xmlLines(inv).map((l) => [l.quantity, l.price, l.net])).toEqual([["12.5", "650.00", "8125.00"], ["1", "1200.00", "1200.00"]]);
    expect(single(inv, `${SUMS}/ram:GrandTotalAmount`)).toBe("11190.00");
    expect(single(inv, `${SETTLEMENT}/ram:InvoiceReferencedDocument/ram:IssuerAssignedID`)).toBe("F-2026-00001");
    expect(single(inv, `${SETTLEMENT}/ram:InvoiceReferencedDocument/ram:FormattedIssueDateTime/qdt:DateTimeString`)).toBe("20260320");
    expect(texts(inv, `${SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans`)).toEqual([]);
  });

  it("states a partial credit note with positive amounts", () => {
    const inv = invoiceOf(buildFacturxXml(samples["credit-note-partial"] as InvoiceDocument));
    expect(single(inv, `${SUMS}/ram:DuePayableAmount`)).toBe("780.00");
    expect(xmlLines(inv)[0]).toMatchObject({ quantity: "1", price: "650.00", net: "650.00" });
  });

  it("keeps rounding edge cases exact: 3 × 33.335, 7 × 0.333, a quantity with 5 decimals", () => {
    const inv = invoiceOf(buildFacturxXml(samples["rounding-edge-cases"] as InvoiceDocument));
    expect(xmlLines(inv).map((l) => [l.quantity, l.price, l.net])).toEqual([
      ["3", "33.335", "100.01"],
      ["7", "0.333", "2.33"],
      ["0.25", "66.66", "16.67"],
      ["1", "60.00", "60.00"], // 1.33333 h has 5 decimals: stated as one unit at the line net
    ]);
    expect(xmlVatRows(inv).map((r) => [r.rate, r.base, r.vat])).toEqual([["5.5", "102.34", "5.63"], ["20", "76.67", "15.33"]]);
  });

  it("says VAT is due on debits (TXD note, BT-8 = 5) when the seller opted for it, on payment (72) otherwise", () => {
    const debits = invoiceOf(buildFacturxXml(samples["rounding-edge-cases"] as InvoiceDocument));
    expect(texts(debits, "rsm:ExchangedDocument/ram:IncludedNote/ram:SubjectCode")).toContain("TXD");
    expect(new Set(texts(debits, `${SETTLEMENT}/ram:ApplicableTradeTax/ram:DueDateTypeCode`))).toEqual(new Set(["5"]));
    const receipts = invoiceOf(buildFacturxXml(samples["plain-invoice"] as InvoiceDocument));
    expect(texts(receipts, "rsm:ExchangedDocument/ram:IncludedNote/ram:SubjectCode")).not.toContain("TXD");
    expect(texts(receipts, `${SETTLEMENT}/ram:ApplicableTradeTax/ram:DueDateTypeCode`)).toEqual(["72"]);
  });

  it("refuses a number outside BR-FR-01/02 with a French message naming the field", () => {
    const tooLong = document("invoice", "F".repeat(36), "2026-03-20", [line({ label: "x", unitPrice: "10" })]);
    expect(() => buildFacturxXml(tooLong)).toThrow(InputError);
    expect(() => buildFacturxXml(tooLong)).toThrow(/number : .*BR-FR-01\/02/);
    const spaces = document("invoice", "F 2026 1", "2026-03-20", [line({ label: "x", unitPrice: "10" })]);
    expect(() => buildFacturxXml(spaces)).toThrow(/BR-FR-01\/02/);
  });

  it("refuses a seller without SIREN and a credit note that references no invoice", () => {
    const noSiren = document("invoice", "F-1", "2026-03-20", [line({ label: "x", unitPrice: "10" })], { seller: { ...seller, siren: undefined, siret: undefined } });
    expect(() => buildFacturxXml(noSiren)).toThrow(/seller\.siren : .*BR-FR-10/);
    const orphan = document("credit_note", "AV-1", "2026-03-20", [line({ label: "x", unitPrice: "-10" })]);
    expect(() => buildFacturxXml(orphan)).toThrow(/corrects : un avoir doit référencer/);
  });

  it("is deterministic: the same document gives the same bytes", () => {
    const doc = samples["multi-rate-vat"] as InvoiceDocument;
    expect(buildFacturxXml(doc)).toBe(buildFacturxXml(doc));
  });

  it("keeps BR-CO-10 to 16 and the engine's amount due for any lines (property)", () => {
    const rates = ["20", "10", "5.5", "2.1"] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 1, max: 5000 }).map((n) => (n / 100).toString()),
            price: fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 1000).toString()),
            rate: fc.constantFrom(...rates),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (specs) => {
          const doc = document("invoice", "F-P-1", "2026-03-20", specs.map((s, i) => line({ label: `Ligne ${i + 1}`, quantity: s.quantity, unitPrice: s.price, vatRate: s.rate })));
          const xml = buildFacturxXml(doc);
          expect(brokenBusinessRules(xml)).toEqual([]);
          expect(single(invoiceOf(xml), `${SUMS}/ram:DuePayableAmount`)).toBe(toAmountString(doc.totals.amountDue));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("facturxProblems", () => {
  it("finds nothing to say about the sample documents", () => {
    for (const doc of Object.values(samples)) expect(facturxProblems(doc)).toEqual([]);
  });

  it("names a SIRET that does not start with the SIREN", () => {
    const doc = document("invoice", "F-1", "2026-03-20", [line({ label: "x", unitPrice: "10" })], { buyer: { ...buyer, siret: "11111111100011" } });
    expect(facturxProblems(doc)).toEqual(["buyer.siret : doit compter 14 chiffres et commencer par le SIREN (BR-FR-09)"]);
  });
});

describe("electronicAddress", () => {
  it("uses the SIREN in scheme 0225 for a French company, the e-mail (EM) for a party without SIREN", () => {
    expect(electronicAddress(buyer)).toEqual({ scheme: "0225", value: "987654321" });
    expect(electronicAddress({ ...buyer, electronicAddress: { scheme: "0225", value: "987654321_COMPTA" } })).toEqual({ scheme: "0225", value: "987654321_COMPTA" });
    expect(electronicAddress({ ...buyer, siren: undefined, siret: undefined })).toEqual({ scheme: "EM", value: "compta@acme-industrie.fr" });
    expect(electronicAddress({ ...buyer, siren: undefined, siret: undefined, email: undefined })).toBeUndefined();
  });
});


