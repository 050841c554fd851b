import type { IsoDate } from "../dates/plainDate.js";
import type { Decimal } from "../money/money.js";
import type { PaymentTerms } from "../terms/paymentTerms.js";
import type { InvoiceTotals } from "../vat/vatBreakdown.js";
import type { VatExemption, VatRate } from "../vat/vatRate.js";

/**
 * The issued (or about to be issued) invoice as a plain value: what the ledger posts, what the
 * Factur-X writer renders and what a PDF shows. Built by the shell from stored rows; never I/O here.
 */
export type InvoiceKind = "invoice" | "deposit" | "credit_note";

export interface PostalAddress {
  readonly line1: string;
  readonly line2?: string | undefined;
  readonly postalCode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2, "FR" by default. */
  readonly countryCode: string;
}

export interface LegalParty {
  readonly legalName: string;
  /** SIREN, 9 digits (BT-30 / BT-47). */
  readonly siren?: string | undefined;
  /** SIRET, 14 digits. */
  readonly siret?: string | undefined;
  /** Intra-community VAT number, e.g. FR32123456789 (BT-31 / BT-48). */
  readonly vatNumber?: string | undefined;
  readonly address: PostalAddress;
  /** E-mail for people. */
  readonly email?: string | undefined;
  /** Electronic invoicing address (BT-34 / BT-49), scheme "0225" (SIREN-based) or "EM" (e-mail). */
  readonly electronicAddress?: { readonly scheme: string; readonly value: string } | undefined;
}

export interface Seller extends LegalParty {
  /** Forme juridique and capital, e.g. "SAS au capital de 10 000 €". */
  readonly legalForm?: string | undefined;
  /** RCS registration, e.g. "RCS Lyon 123 456 789". */
  readonly registration?: string | undefined;
  readonly iban?: string | undefined;
  readonly bic?: string | undefined;
  /** Annual late-penalty rate in percent (pénalités de retard), e.g. "12.15". */
  readonly latePenaltyRate: Decimal;
  /** The seller opted to pay VAT on debits (option pour les débits). */
  readonly vatOnDebits: boolean;
}

export type UnitCode = "HUR" | "DAY" | "C62";

export interface InvoiceLine {
  readonly label: string;
  readonly quantity: Decimal;
  /** UN/ECE rec 20: HUR hour, DAY day, C62 unit. */
  readonly unitCode: UnitCode;
  readonly unitPrice: Decimal;
  /** Rounded to the cent. Negative for deduction lines and credit notes. */
  readonly net: Decimal;
  readonly vatRate: VatRate;
  readonly vatExemption?: VatExemption | undefined;
  /** Set on a deduction line: the deposit invoice it deducts. */
  readonly deducts?: { readonly number: string; readonly issueDate: IsoDate } | undefined;
}

export interface InvoiceDocument {
  readonly kind: InvoiceKind;
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly currency: "EUR";
  readonly seller: Seller;
  readonly buyer: LegalParty;
  /** Buyer's reference / purchase order (BT-10 / BT-13), when known. */
  readonly buyerReference?: string | undefined;
  readonly purchaseOrder?: string | undefined;
  readonly projectName?: string | undefined;
  readonly lines: readonly InvoiceLine[];
  readonly totals: InvoiceTotals;
  readonly paymentTerms: PaymentTerms;
  /** Deposit invoices deducted on this (final) invoice. */
  readonly deductedDeposits: readonly {
    readonly number: string;
    readonly issueDate: IsoDate;
    readonly netAmount: Decimal;
    readonly vatAmount: Decimal;
    readonly amountDue: Decimal;
  }[];
  /**
   * For a credit note: the invoice it corrects (BT-25 / BT-26), and why. `scope` says whether it cancels
   * the invoice in full ("annulant") or corrects part of it ("corrigeant"); unknown reads as partial.
   */
  readonly corrects?:
    | {
        readonly number: string;
        readonly issueDate: IsoDate;
        readonly reason: string;
        readonly scope?: "total" | "partial" | undefined;
      }
    | undefined;
  /** Period the services were rendered (BG-14), when known. */
  readonly servicePeriod?: { readonly start: IsoDate; readonly end: IsoDate } | undefined;
  /** Services (S), goods (B) or mixed (M): drives the French cadre de facturation (BT-23). */
  readonly supplyType: "services" | "goods" | "mixed";
  /** Free notes printed on the invoice (besides the mandatory legal mentions). */
  readonly notes: readonly string[];
}
