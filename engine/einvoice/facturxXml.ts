import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import { formatDateShortFr } from "../dates/plainDate.js";
import { InputError, SystemError } from "../errors.js";
import type { InvoiceDocument, LegalParty } from "../invoice/invoiceDocument.js";
import { type Decimal, toAmountString, toPlainString } from "../money/money.js";
import { describePaymentTerms } from "../terms/paymentTerms.js";
import { ciiFigures, type CiiFigures } from "./ciiFigures.js";
import { billingFramework, documentTypeCode, isValidDocumentNumber } from "./documentCodes.js";
import { legalMentions } from "./legalMentions.js";

/** Factur-X / EN 16931 guideline identifier (BT-24) of the EN 16931 (COMFORT) profile. */
export const EN16931_GUIDELINE = "urn:cen.eu:en16931:2017";
export const FACTURX_FILE_NAME = "factur-x.xml";

const NS = {
  "xmlns:rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
  "xmlns:qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
  "xmlns:ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
  "xmlns:udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
} as const;

const SIREN = /^\d{9}$/;
const SIRET = /^\d{14}$/;

const amount = (d: Decimal) => toAmountString(d);
/** A unit price: at least two decimals, more when the price has them (BR-FR-DEC-03 allows six). */
const priceString = (d: Decimal) => (d.decimalPlaces() <= 2 ? toAmountString(d) : toPlainString(d));
const ymd = (isoDate: string) => isoDate.replaceAll("-", "");

function leaf(parent: XMLBuilder, name: string, text: string, attributes?: Record<string, string>): void {
  parent.ele(name, attributes).txt(text);
}

function dateTime(parent: XMLBuilder, name: string, isoDate: string, prefix: "udt" | "qdt" = "udt"): void {
  parent.ele(name).ele(`${prefix}:DateTimeString`, { format: "102" }).txt(ymd(isoDate));
}

/**
 * BT-34 / BT-49: the party's electronic address. A French company is reached through the directory by
 * its SIREN (scheme 0225); a party without SIREN by its e-mail (scheme EM).
 */
export function electronicAddress(party: LegalParty): { scheme: string; value: string } | undefined {
  const given = party.electronicAddress;
  if (party.siren) {
    if (given?.scheme === "0225" && given.value.startsWith(party.siren) && /^[A-Za-z0-9+\-_.]+$/.test(given.value)) return given;
    return { scheme: "0225", value: party.siren };
  }
  if (given) return given;
  if (party.email) return { scheme: "EM", value: party.email };
  return undefined;
}

/** What keeps a document from being a valid French Factur-X, as French messages naming the field. */
export function facturxProblems(doc: InvoiceDocument): string[] {
  const problems: string[] = [];
  if (!isValidDocumentNumber(doc.number))
    problems.push(`number : « ${doc.number} » doit compter 1 à 35 caractères parmi lettres, chiffres et + - _ / (BR-FR-01/02)`);
  for (const d of doc.deductedDeposits)
    if (!isValidDocumentNumber(d.number)) problems.push(`deductedDeposits : le numéro « ${d.number} » ne respecte pas BR-FR-01/02`);
  if (doc.corrects && !isValidDocumentNumber(doc.corrects.number))
    problems.push(`corrects.number : le numéro « ${doc.corrects.number} » ne respecte pas BR-FR-01/02`);
  if (doc.kind === "credit_note" && !doc.corrects) problems.push("corrects : un avoir doit référencer la facture qu'il corrige (BT-25)");
  if (!doc.seller.siren || !SIREN.test(doc.seller.siren)) problems.push("seller.siren : le SIREN du vendeur (9 chiffres) est obligatoire (BR-FR-10)");
  for (const [field, party] of [["seller", doc.seller], ["buyer", doc.buyer]] as const) {
    if (party.siren && !SIREN.test(party.siren)) problems.push(`${field}.siren : doit compter exactement 9 chiffres`);
    if (party.siret && (!SIRET.test(party.siret) || (party.siren && !party.siret.startsWith(party.siren))))
      problems.push(`${field}.siret : doit compter 14 chiffres et commencer par le SIREN (BR-FR-09)`);
    if (!electronicAddress(party))
      problems.push(`${field}.electronicAddress : adresse électronique de facturation manquante (SIREN ou e-mail) (BR-FR-12/13)`);
  }
  const categories = new Set(doc.lines.map((l) => (l.vatRate === "0" ? l.vatExemption : undefined)));
  if ((categories.has("autoliquidation") || categories.has("intracommunautaire")) && (!doc.seller.vatNumber || !doc.buyer.vatNumber))
    problems.push("buyer.vatNumber : l'autoliquidation et les prestations intracommunautaires exigent les numéros de TVA du vendeur et de l'acheteur");
  if (doc.lines.length === 0) problems.push("lines : une facture a au moins une ligne");
  return problems;
}

function party(parent: XMLBuilder, name: string, p: LegalParty, description?: string): void {
  const el = parent.ele(name);
  if (p.siret) leaf(el, "ram:GlobalID", p.siret, { schemeID: "0009" });
  leaf(el, "ram:Name", p.legalName);
  if (description) leaf(el, "ram:Description", description);
  if (p.siren) el.ele("ram:SpecifiedLegalOrganization").ele("ram:ID", { schemeID: "0002" }).txt(p.siren);
  const address = el.ele("ram:PostalTradeAddress");
  leaf(address, "ram:PostcodeCode", p.address.postalCode);
  leaf(address, "ram:LineOne", p.address.line1);
  if (p.address.line2) leaf(address, "ram:LineTwo", p.address.line2);
  leaf(address, "ram:CityName", p.address.city);
  leaf(address, "ram:CountryID", p.address.countryCode);
  const endpoint = electronicAddress(p);
  if (endpoint) el.ele("ram:URIUniversalCommunication").ele("ram:URIID", { schemeID: endpoint.scheme }).txt(endpoint.value);
  if (p.vatNumber) el.ele("ram:SpecifiedTaxRegistration").ele("ram:ID", { schemeID: "VA" }).txt(p.vatNumber);
}

function note(parent: XMLBuilder, content: string, subjectCode?: string): void {
  const n = parent.ele("ram:IncludedNote");
  leaf(n, "ram:Content", content);
  if (subjectCode) leaf(n, "ram:SubjectCode", subjectCode);
}

function checkConsistency(doc: InvoiceDocument, f: CiiFigures): void {
  const expected = [
    ["totals.netAmount", doc.totals.netAmount.times(f.sign), f.lineTotal],
    ["totals.vatAmount", doc.totals.vatAmount.times(f.sign), f.taxTotal],
    ["totals.amountDue", doc.totals.amountDue.times(f.sign), f.duePayable],
  ] as const;
  for (const [field, stated, computed] of expected)
    if (!stated.equals(computed))
      throw new SystemError(`le document ${doc.number} est incohérent : ${amount(stated)} déclaré, ${amount(computed)} d'après les lignes`, { field });
}

/**
 * The Factur-X XML (UN/CEFACT CII D16B, EN 16931 profile, French rules of the 2026 reform) of an
 * invoice, deposit invoice or credit note. Pure: same document, same bytes.
 * Throws InputError when the document cannot be a valid French e-invoice (see `facturxProblems`).
 */
export function buildFacturxXml(doc: InvoiceDocument): string {
  const problems = facturxProblems(doc);
  if (problems.length > 0) throw new InputError(problems.join(" ; "), { code: "facturx_invalid" });
  const f = ciiFigures(doc, formatDateShortFr);
  checkConsistency(doc, f);
  const mentions = legalMentions(doc);

  const root = create({ version: "1.0", encoding: "UTF-8" }).ele("rsm:CrossIndustryInvoice", { ...NS });

  const context = root.ele("rsm:ExchangedDocumentContext");
  context.ele("ram:BusinessProcessSpecifiedDocumentContextParameter").ele("ram:ID").txt(billingFramework(doc));
  context.ele("ram:GuidelineSpecifiedDocumentContextParameter").ele("ram:ID").txt(EN16931_GUIDELINE);

  const header = root.ele("rsm:ExchangedDocument");
  leaf(header, "ram:ID", doc.number);
  leaf(header, "ram:TypeCode", documentTypeCode(doc.kind));
  dateTime(header, "ram:IssueDateTime", doc.issueDate);
  if (doc.buyer.siren) note(header, "B2B", "BAR");
  note(header, mentions.recoveryIndemnity, "PMT");
  note(header, mentions.latePenalties, "PMD");
  note(header, mentions.earlyPaymentDiscount, "AAB");
  if (mentions.vatOnDebits) note(header, mentions.vatOnDebits, "TXD");
  if (doc.corrects?.reason.trim()) note(header, `Motif de l'avoir : ${doc.corrects.reason}`, "ACD");
  for (const text of doc.notes) note(header, text, "AAI");

  const transaction = root.ele("rsm:SupplyChainTradeTransaction");
  for (const line of f.lines) {
    const item = transaction.ele("ram:IncludedSupplyChainTradeLineItem");
    const lineDoc = item.ele("ram:AssociatedDocumentLineDocument");
    leaf(lineDoc, "ram:LineID", line.lineId);
    if (line.note) lineDoc.ele("ram:IncludedNote").ele("ram:Content").txt(line.note);
    item.ele("ram:SpecifiedTradeProduct").ele("ram:Name").txt(line.label);
    item.ele("ram:SpecifiedLineTradeAgreement").ele("ram:NetPriceProductTradePrice").ele("ram:ChargeAmount").txt(priceString(line.price));
    item.ele("ram:SpecifiedLineTradeDelivery").ele("ram:BilledQuantity", { unitCode: line.unitCode }).txt(toPlainString(line.quantity));
    const settlement = item.ele("ram:SpecifiedLineTradeSettlement");
    const tax = settlement.ele("ram:ApplicableTradeTax");
    leaf(tax, "ram:TypeCode", "VAT");
    leaf(tax, "ram:CategoryCode", line.category);
    leaf(tax, "ram:RateApplicablePercent", line.rate);
    settlement.ele("ram:SpecifiedTradeSettlementLineMonetarySummation").ele("ram:LineTotalAmount").txt(amount(line.net));
  }

  const agreement = transaction.ele("ram:ApplicableHeaderTradeAgreement");
  if (doc.buyerReference) leaf(agreement, "ram:BuyerReference", doc.buyerReference);
  const sellerInfo = [doc.seller.legalForm, doc.seller.registration].filter(Boolean).join(" – ");
  party(agreement, "ram:SellerTradeParty", doc.seller, sellerInfo || undefined);
  party(agreement, "ram:BuyerTradeParty", doc.buyer);
  if (doc.purchaseOrder) agreement.ele("ram:BuyerOrderReferencedDocument").ele("ram:IssuerAssignedID").txt(doc.purchaseOrder);

  const delivery = transaction.ele("ram:ApplicableHeaderTradeDelivery");
  if (f.vatRows.some((r) => r.category === "K" || r.category === "G")) {
    // BR-IC-12 / BR-G: the country the services are delivered to, and a delivery date or a period.
    const shipTo = delivery.ele("ram:ShipToTradeParty");
    leaf(shipTo, "ram:Name", doc.buyer.legalName);
    shipTo.ele("ram:PostalTradeAddress").ele("ram:CountryID").txt(doc.buyer.address.countryCode);
    if (!doc.servicePeriod) dateTime(delivery.ele("ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime", doc.issueDate);
  }

  const settlement = transaction.ele("ram:ApplicableHeaderTradeSettlement");
  leaf(settlement, "ram:PaymentReference", doc.number);
  leaf(settlement, "ram:InvoiceCurrencyCode", doc.currency);
  if (doc.seller.iban && doc.kind !== "credit_note") {
    const means = settlement.ele("ram:SpecifiedTradeSettlementPaymentMeans");
    leaf(means, "ram:TypeCode", "58");
    leaf(means, "ram:Information", "Virement SEPA");
    means.ele("ram:PayeePartyCreditorFinancialAccount").ele("ram:IBANID").txt(doc.seller.iban.replaceAll(" ", ""));
    if (doc.seller.bic) means.ele("ram:PayeeSpecifiedCreditorFinancialInstitution").ele("ram:BICID").txt(doc.seller.bic);
  }
  for (const row of f.vatRows) {
    const tax = settlement.ele("ram:ApplicableTradeTax");
    leaf(tax, "ram:CalculatedAmount", amount(row.vatAmount));
    leaf(tax, "ram:TypeCode", "VAT");
    if (row.exemptionReason) leaf(tax, "ram:ExemptionReason", row.exemptionReason);
    leaf(tax, "ram:BasisAmount", amount(row.base));
    leaf(tax, "ram:CategoryCode", row.category);
    if (row.exemptionCode) leaf(tax, "ram:ExemptionReasonCode", row.exemptionCode);
    // BT-8: VAT on services is due on payment ("72") unless the seller opted for debits (invoice date, "5").
    if (row.category === "S") leaf(tax, "ram:DueDateTypeCode", doc.seller.vatOnDebits || doc.supplyType === "goods" ? "5" : "72");
    leaf(tax, "ram:RateApplicablePercent", row.rate);
  }
  if (doc.servicePeriod) {
    const period = settlement.ele("ram:BillingSpecifiedPeriod");
    dateTime(period, "ram:StartDateTime", doc.servicePeriod.start);
    dateTime(period, "ram:EndDateTime", doc.servicePeriod.end);
  }
  const terms = settlement.ele("ram:SpecifiedTradePaymentTerms");
  leaf(terms, "ram:Description", paymentTermsText(doc));
  dateTime(terms, "ram:DueDateDateTime", doc.dueDate);

  const sums = settlement.ele("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
  leaf(sums, "ram:LineTotalAmount", amount(f.lineTotal));
  leaf(sums, "ram:TaxBasisTotalAmount", amount(f.taxBasisTotal));
  leaf(sums, "ram:TaxTotalAmount", amount(f.taxTotal), { currencyID: doc.currency });
  leaf(sums, "ram:GrandTotalAmount", amount(f.grandTotal));
  leaf(sums, "ram:DuePayableAmount", amount(f.duePayable));

  const referenced = doc.corrects ? [doc.corrects] : doc.deductedDeposits;
  for (const ref of referenced) {
    const r = settlement.ele("ram:InvoiceReferencedDocument");
    leaf(r, "ram:IssuerAssignedID", ref.number);
    dateTime(r, "ram:FormattedIssueDateTime", ref.issueDate, "qdt");
  }

  return root.end({ prettyPrint: true });
}

/** BT-20, the payment terms sentence. */
export function paymentTermsText(doc: InvoiceDocument): string {
  if (doc.kind === "credit_note") return `Avoir à imputer ou à rembourser au plus tard le ${formatDateShortFr(doc.dueDate)}.`;
  const means = doc.seller.iban ? " par virement SEPA" : "";
  const terms = describePaymentTerms(doc.paymentTerms);
  return `Paiement ${terms.startsWith("à ") ? terms : `à ${terms}`}${means}, au plus tard le ${formatDateShortFr(doc.dueDate)}.`;
}
