import type { InvoiceDocument } from "../invoice/invoiceDocument.js";
import { formatPercent } from "../money/formatEuros.js";

/**
 * The legal mentions a French B2B invoice must carry (art. L441-9 and D441-5 C. com., art. 242 nonies A
 * ann. II CGI), in French, once. The Factur-X XML carries the first three as notes PMT, PMD and AAB
 * (BR-FR-05), and the PDF and HTML renderings print the same sentences.
 */
export interface LegalMentions {
  /** PMT: the fixed 40 € recovery indemnity. */
  readonly recoveryIndemnity: string;
  /** PMD: the late-payment penalty rate. */
  readonly latePenalties: string;
  /** AAB: no discount for early payment. */
  readonly earlyPaymentDiscount: string;
  /** The seller opted to pay VAT on debits; absent otherwise. */
  readonly vatOnDebits?: string | undefined;
}

const OPERATION_CATEGORIES = {
  services: "Catégorie de l'opération : prestation de services.",
  goods: "Catégorie de l'opération : livraison de biens.",
  mixed: "Catégorie de l'opération : mixte (livraison de biens et prestation de services).",
} as const;

export const RECOVERY_INDEMNITY_TEXT =
  "En cas de retard de paiement, indemnité forfaitaire pour frais de recouvrement de 40\u00a0€ (art. L441-10 et D441-5 du Code de commerce).";
export const EARLY_PAYMENT_DISCOUNT_TEXT = "Aucun escompte n'est accordé pour paiement anticipé.";
export const VAT_ON_DEBITS_TEXT = "Option pour le paiement de la taxe d'après les débits.";

/** The category of the operation (services, goods or both), a mention of the 2026 reform; its XML form is BT-23. */
export function operationCategoryMention(supplyType: InvoiceDocument["supplyType"]): string {
  return OPERATION_CATEGORIES[supplyType];
}

export function legalMentions(doc: Pick<InvoiceDocument, "seller">): LegalMentions {
  return {
    recoveryIndemnity: RECOVERY_INDEMNITY_TEXT,
    latePenalties: `Pénalités de retard exigibles dès le lendemain de la date d'échéance, au taux annuel de ${formatPercent(doc.seller.latePenaltyRate)} (art. L441-10 du Code de commerce).`,
    earlyPaymentDiscount: EARLY_PAYMENT_DISCOUNT_TEXT,
    vatOnDebits: doc.seller.vatOnDebits ? VAT_ON_DEBITS_TEXT : undefined,
  };
}
