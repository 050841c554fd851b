/**
 * Invoice documents of every kind the suite turns into Factur-X: built with the engine's own
 * `computeTotals`, so their figures are the engine's.
 */
import { addDays } from "../../../engine/dates/plainDate.js";
import type { InvoiceDocument, InvoiceKind, InvoiceLine, LegalParty, Seller, UnitCode } from "../../../engine/invoice/invoiceDocument.js";
import { Decimal, roundCents } from "../../../engine/money/money.js";
import { computeTotals } from "../../../engine/vat/vatBreakdown.js";
import type { VatExemption, VatRate } from "../../../engine/vat/vatRate.js";

export const seller: Seller = {
  legalName: "Atelier Numérique Rhône SAS",
  siren: "123456782",
  siret: "12345678200017",
  vatNumber: "FR40123456782",
  address: { line1: "12 rue de la République", postalCode: "69002", city: "Lyon", countryCode: "FR" },
  email: "facturation@atelier-rhone.fr",
  legalForm: "SAS au capital de 10 000 €",
  registration: "RCS Lyon 123 456 782",
  iban: "FR7630006000011234567890189",
  bic: "AGRIFRPPXXX",
  latePenaltyRate: new Decimal("12.15"),
  vatOnDebits: false,
};

export const buyer: LegalParty = {
  legalName: "Acme Industrie SA",
  siren: "987654321",
  siret: "98765432100025",
  vatNumber: "FR12987654321",
  address: { line1: "5 avenue des Frères Lumière", line2: "Bâtiment B", postalCode: "69008", city: "Lyon", countryCode: "FR" },
  email: "compta@acme-industrie.fr",
};

export interface LineSpec {
  readonly label: string;
  readonly quantity?: string;
  readonly unitCode?: UnitCode;
  readonly unitPrice: string;
  readonly vatRate?: VatRate;
  readonly vatExemption?: VatExemption;
  readonly deducts?: { number: string; issueDate: string };
}

export function line(spec: LineSpec): InvoiceLine {
  const quantity = new Decimal(spec.quantity ?? "1");
  const unitPrice = new Decimal(spec.unitPrice);
  return {
    label: spec.label,
    quantity,
    unitCode: spec.unitCode ?? "C62",
    unitPrice,
    net: roundCents(quantity.times(unitPrice)),
    vatRate: spec.vatRate ?? "20",
    vatExemption: spec.vatExemption,
    deducts: spec.deducts,
  };
}

export function document(
  kind: InvoiceKind,
  number: string,
  issueDate: string,
  lines: readonly InvoiceLine[],
  extra: Partial<InvoiceDocument> = {},
): InvoiceDocument {
  return {
    kind,
    number,
    issueDate,
    dueDate: addDays(issueDate, 30),
    currency: "EUR",
    seller,
    buyer,
    lines,
    totals: computeTotals(lines),
    paymentTerms: { days: 30, endOfMonth: false },
    deductedDeposits: [],
    supplyType: "services",
    notes: [],
    ...extra,
  };
}

/** Every kind the issue asks for, by a short file-friendly name. */
export function sampleDocuments(): Record<string, InvoiceDocument> {
  const plain = document("invoice", "F-2026-00001", "2026-03-20", [
    line({ label: "Développement de l'application — sprint 3", quantity: "12.5", unitCode: "DAY", unitPrice: "650.00" }),
    line({ label: "Recette et mise en production", quantity: "1", unitPrice: "1200.00" }),
  ], { purchaseOrder: "BC-2026-118", buyerReference: "ACME-DSI", projectName: "Portail clients" });

  const multiRate = document("invoice", "F-2026-00002", "2026-03-21", [
    line({ label: "Conseil en organisation", quantity: "3", unitCode: "DAY", unitPrice: "800.00", vatRate: "20" }),
    line({ label: "Travaux de rénovation énergétique", quantity: "1", unitPrice: "2450.00", vatRate: "5.5" }),
    line({ label: "Travaux d'amélioration du local", quantity: "1", unitPrice: "1333.33", vatRate: "10" }),
  ], { supplyType: "mixed" });

  const exempt = document("invoice", "F-2026-00003", "2026-03-22", [
    line({ label: "Bilan de compétences — entretien individuel", quantity: "6", unitCode: "HUR", unitPrice: "75.00", vatRate: "0", vatExemption: "formation" }),
    line({ label: "Atelier collectif", quantity: "2", unitCode: "HUR", unitPrice: "120.00", vatRate: "0", vatExemption: "formation" }),
  ]);

  const deposit1 = document("deposit", "FA-2026-00001", "2026-01-05", [line({ label: "Acompte 30 % à la signature", unitPrice: "4500.00" })]);
  const deposit2 = document("deposit", "FA-2026-00002", "2026-02-10", [line({ label: "Acompte 30 % maquettes validées", unitPrice: "4500.00" })]);
  const deduction = (d: InvoiceDocument) =>
    line({ label: `Acompte n° ${d.number} déduit`, unitPrice: d.totals.netAmount.negated().toString(), deducts: { number: d.number, issueDate: d.issueDate } });
  const finalInvoice = document("invoice", "F-2026-00004", "2026-04-30", [
    line({ label: "Forfait refonte du portail — solde (100 %)", unitPrice: "15000.00" }),
    deduction(deposit1),
    deduction(deposit2),
  ], {
    deductedDeposits: [deposit1, deposit2].map((d) => ({
      number: d.number,
      issueDate: d.issueDate,
      netAmount: d.totals.netAmount,
      vatAmount: d.totals.vatAmount,
      amountDue: d.totals.amountDue,
    })),
  });

  const negate = (l: InvoiceLine): InvoiceLine => ({ ...l, unitPrice: l.unitPrice.negated(), net: l.net.negated() });
  const totalCredit = document("credit_note", "AV-2026-00001", "2026-04-02", plain.lines.map(negate), {
    corrects: { number: plain.number, issueDate: plain.issueDate, reason: "Facture émise par erreur sur le mauvais projet", scope: "total" },
  });
  const partialCredit = document("credit_note", "AV-2026-00002", "2026-04-03", [
    line({ label: "Remise commerciale sur le sprint 3", quantity: "1", unitCode: "DAY", unitPrice: "-650.00" }),
  ], { corrects: { number: plain.number, issueDate: plain.issueDate, reason: "Une journée facturée en trop", scope: "partial" } });

  // Rounding: 3 × 33.335 → 100.005 rounds to 100.01; 7 × 0.333 → 2.331 → 2.33; VAT on 102.34 at 5.5 % = 5.6287 → 5.63.
  const rounding = document("invoice", "F-2026-00005", "2026-03-31", [
    line({ label: "Licence utilisateur (prix unitaire à 3 décimales)", quantity: "3", unitPrice: "33.335", vatRate: "5.5" }),
    line({ label: "Micro-service facturé à l'appel", quantity: "7", unitPrice: "0.333", vatRate: "5.5" }),
    line({ label: "Heures de support", quantity: "0.25", unitCode: "HUR", unitPrice: "66.66", vatRate: "20" }),
    line({ label: "Frais de déplacement (tiers d'heure)", quantity: "1.33333", unitCode: "HUR", unitPrice: "45.00", vatRate: "20" }),
  ], { seller: { ...seller, vatOnDebits: true } });

  return {
    "plain-invoice": plain,
    "multi-rate-vat": multiRate,
    "exempt-0-percent": exempt,
    "deposit-1": deposit1,
    "deposit-2": deposit2,
    "final-after-two-deposits": finalInvoice,
    "credit-note-total": totalCredit,
    "credit-note-partial": partialCredit,
    "rounding-edge-cases": rounding,
  };
}
