import type { InvoiceDocument, InvoiceKind } from "../invoice/invoiceDocument.js";

/** UNTDID 1001 document type (BT-3): 380 commercial invoice, 386 deposit (prepayment) invoice, 381 credit note. */
export type DocumentTypeCode = "380" | "386" | "381";

export function documentTypeCode(kind: InvoiceKind): DocumentTypeCode {
  switch (kind) {
    case "invoice":
      return "380";
    case "deposit":
      return "386";
    case "credit_note":
      return "381";
  }
}

/** French cadre de facturation (BT-23): S services, B goods, M mixed; 1 plain, 4 final invoice after deposits. */
export type BillingFramework = "S1" | "B1" | "M1" | "S4" | "B4" | "M4";

export function billingFramework(doc: Pick<InvoiceDocument, "kind" | "supplyType" | "deductedDeposits">): BillingFramework {
  const letter = doc.supplyType === "goods" ? "B" : doc.supplyType === "mixed" ? "M" : "S";
  // BR-FR-CO-08: a deposit invoice is never a "final invoice after deposits".
  const final = doc.kind === "invoice" && doc.deductedDeposits.length > 0;
  return `${letter}${final ? "4" : "1"}` as BillingFramework;
}

/** BR-FR-01/02: a document number is 1 to 35 characters among letters, digits and + - _ /. */
export function isValidDocumentNumber(number: string): boolean {
  return /^[A-Za-z0-9+\-_/]{1,35}$/.test(number);
}
