import { formatDateShortFr } from "../dates/plainDate.js";
import type { InvoiceDocument, LegalParty, UnitCode } from "../invoice/invoiceDocument.js";
import { formatEuros, formatPercent } from "../money/formatEuros.js";
import { type Decimal, toDecimal } from "../money/money.js";
import { ciiFigures } from "./ciiFigures.js";
import { paymentTermsText } from "./facturxXml.js";
import { epcPayload } from "./epcQrCode.js";
import { legalMentions, operationCategoryMention } from "./legalMentions.js";

/**
 * What an invoice template shows, every value already a French string. One view feeds both the
 * HTML template and the PDF layout template, and its figures are those of the Factur-X XML
 * (`ciiFigures`): a credit note shows positive amounts under the title "Avoir", as its XML does.
 */
export interface PartyView {
  readonly name: string;
  readonly addressLines: readonly string[];
  readonly identifiers: readonly string[];
  readonly email?: string | undefined;
}

export interface InvoiceView {
  readonly kind: InvoiceDocument["kind"];
  readonly isCreditNote: boolean;
  readonly isDeposit: boolean;
  readonly title: string;
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly seller: PartyView;
  readonly sellerLegal: string;
  readonly buyer: PartyView;
  readonly references: readonly { readonly label: string; readonly value: string }[];
  readonly correction?: { readonly heading: string; readonly reason: string } | undefined;
  readonly lines: readonly {
    readonly label: string;
    readonly note?: string | undefined;
    readonly quantity: string;
    readonly unit: string;
    readonly unitPrice: string;
    readonly vatRate: string;
    readonly net: string;
  }[];
  readonly vatRows: readonly { readonly label: string; readonly base: string; readonly vat: string; readonly reason?: string | undefined }[];
  readonly deposits: readonly { readonly label: string; readonly net: string; readonly vat: string; readonly gross: string }[];
  readonly totals: { readonly net: string; readonly vat: string; readonly gross: string; readonly due: string; readonly dueLabel: string };
  readonly payment: {
    readonly terms: string;
    readonly iban?: string | undefined;
    readonly bic?: string | undefined;
    /** The EPC QR code of the transfer (its payload in base64), when the invoice is paid by transfer. */
    readonly qrCode?: string | undefined;
  };
  readonly mentions: readonly string[];
  readonly notes: readonly string[];
}

const TITLES = { invoice: "Facture", deposit: "Facture d'acompte", credit_note: "Avoir" } as const;
const UNITS: Record<UnitCode, string> = { HUR: "heure", DAY: "jour", C62: "unité" };

const euros = (d: Decimal) => formatEuros(d);
const decimalFr = (d: Decimal) => d.toString().replace(".", ",");

/** "FR76 3000 6000 0112 3456 7890 189": an IBAN grouped by four, as people read it. */
export function formatIban(iban: string): string {
  return iban.replaceAll(" ", "").replace(/(.{4})(?=.)/g, "$1 ");
}

function partyView(p: LegalParty): PartyView {
  const identifiers = [
    p.siren ? `SIREN ${p.siren}` : undefined,
    p.siret ? `SIRET ${p.siret}` : undefined,
    p.vatNumber ? `TVA intracommunautaire ${p.vatNumber}` : undefined,
  ].filter((s): s is string => s !== undefined);
  const a = p.address;
  const country = a.countryCode === "FR" ? undefined : a.countryCode;
  return {
    name: p.legalName,
    addressLines: [a.line1, a.line2, `${a.postalCode} ${a.city}`, country].filter((s): s is string => Boolean(s)),
    identifiers,
    email: p.email,
  };
}

/** The EPC QR code payload (base64) of paying `doc` by SEPA transfer: IBAN, BIC, amount due, the number as remittance. */
function transferQrCode(doc: InvoiceDocument, amountDue: Decimal): string | undefined {
  if (doc.kind === "credit_note" || !doc.seller.iban) return undefined;
  const payload = epcPayload({ name: doc.seller.legalName, iban: doc.seller.iban, bic: doc.seller.bic, amount: amountDue, remittance: doc.number });
  return payload === undefined ? undefined : Buffer.from(payload, "utf8").toString("base64");
}

export function invoiceView(doc: InvoiceDocument): InvoiceView {
  const f = ciiFigures(doc, formatDateShortFr);
  const mentions = legalMentions(doc);
  const isCreditNote = doc.kind === "credit_note";
  const references = [
    doc.purchaseOrder ? { label: "Bon de commande", value: doc.purchaseOrder } : undefined,
    doc.buyerReference ? { label: "Référence client", value: doc.buyerReference } : undefined,
    doc.projectName ? { label: "Projet", value: doc.projectName } : undefined,
    doc.servicePeriod
      ? { label: "Période", value: `du ${formatDateShortFr(doc.servicePeriod.start)} au ${formatDateShortFr(doc.servicePeriod.end)}` }
      : undefined,
  ].filter((r): r is { label: string; value: string } => r !== undefined);

  const correction = doc.corrects
    ? {
        heading: `Avoir n° ${doc.number} ${doc.corrects.scope === "total" ? "annulant" : "corrigeant"} la facture n° ${doc.corrects.number} du ${formatDateShortFr(doc.corrects.issueDate)}`,
        reason: doc.corrects.reason,
      }
    : undefined;

  return {
    kind: doc.kind,
    isCreditNote,
    isDeposit: doc.kind === "deposit",
    title: TITLES[doc.kind],
    number: doc.number,
    issueDate: formatDateShortFr(doc.issueDate),
    dueDate: formatDateShortFr(doc.dueDate),
    seller: partyView(doc.seller),
    sellerLegal: [doc.seller.legalName, doc.seller.legalForm, doc.seller.registration, doc.seller.siret ? `SIRET ${doc.seller.siret}` : undefined, doc.seller.vatNumber ? `TVA ${doc.seller.vatNumber}` : undefined]
      .filter(Boolean)
      .join(" – "),
    buyer: partyView(doc.buyer),
    references,
    correction,
    lines: f.lines.map((l) => ({
      label: l.label,
      note: l.note,
      quantity: decimalFr(l.quantity),
      unit: UNITS[l.unitCode],
      unitPrice: euros(l.price),
      vatRate: formatPercent(toDecimal(l.rate)),
      net: euros(l.net),
    })),
    vatRows: f.vatRows.map((r) => ({
      label: r.category === "S" ? `TVA ${formatPercent(toDecimal(r.rate))}` : r.category === "Z" ? "TVA 0\u00a0%" : "Exonération de TVA",
      base: euros(r.base),
      vat: euros(r.vatAmount),
      reason: r.exemptionReason,
    })),
    deposits: doc.deductedDeposits.map((d) => ({
      label: `Facture d'acompte n° ${d.number} du ${formatDateShortFr(d.issueDate)}`,
      net: euros(d.netAmount),
      vat: euros(d.vatAmount),
      gross: euros(d.amountDue),
    })),
    totals: {
      net: euros(f.taxBasisTotal),
      vat: euros(f.taxTotal),
      gross: euros(f.grandTotal),
      due: euros(f.duePayable),
      dueLabel: isCreditNote ? "Montant de l'avoir" : "Net à payer",
    },
    payment: {
      terms: paymentTermsText(doc),
      iban: doc.seller.iban && !isCreditNote ? formatIban(doc.seller.iban) : undefined,
      bic: doc.seller.bic && !isCreditNote ? doc.seller.bic : undefined,
      qrCode: transferQrCode(doc, f.duePayable),
    },
    mentions: [operationCategoryMention(doc.supplyType), mentions.latePenalties, mentions.recoveryIndemnity, mentions.earlyPaymentDiscount, mentions.vatOnDebits].filter(
      (m): m is string => m !== undefined,
    ),
    notes: doc.notes,
  };
}
