import { z } from "zod";
import type { IsoDate } from "../dates/plainDate.js";
import type { InvoiceKind } from "../invoice/invoiceDocument.js";
import { type Decimal, isDecimalString, toDecimal } from "../money/money.js";
import { AmountStringSchema } from "../wire/decimalString.js";
import { IsoDateSchema } from "../wire/isoDate.js";

/**
 * An issued document as the receivables side sees it: an invoice, a deposit invoice (acompte) or a
 * credit note (avoir). Amounts are TTC (what the client owes). A credit note is a negative document
 * linked to the invoice it corrects (`correctsInvoiceId`); it reduces what is owed on that invoice.
 */
export interface ReceivableDocument {
  readonly id: string;
  readonly number: string;
  readonly kind: InvoiceKind;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  /** TTC. Positive for invoices and deposits, negative for credit notes. */
  readonly amountDue: Decimal;
  readonly clientId: string;
  /** Shown in reports and used to recognise the client in bank labels. */
  readonly clientName?: string | undefined;
  /** The client contests the invoice: it stays counted, but is flagged and not reminded. */
  readonly disputed?: boolean | undefined;
  /** Credit notes only: the id of the invoice (or deposit) they correct. */
  readonly correctsInvoiceId?: string | undefined;
}

/** Part of a payment applied to one invoice (lettrage). */
export interface PaymentAllocation {
  readonly invoiceId: string;
  /** Positive, in euros. */
  readonly amount: Decimal;
  /** Date the money was received (the payment date). */
  readonly date: IsoDate;
}

const IdSchema = z.string({ error: "doit être un identifiant (texte)" }).min(1, "ne peut pas être vide");

/** Wire form of a `ReceivableDocument` (amounts as decimal strings). */
export const ReceivableDocumentWireSchema = z
  .object({
    id: IdSchema,
    number: z.string({ error: "doit être un numéro de facture (texte)" }).min(1, "ne peut pas être vide"),
    kind: z.enum(["invoice", "deposit", "credit_note"], { error: "doit valoir invoice, deposit ou credit_note" }),
    issueDate: IsoDateSchema,
    dueDate: IsoDateSchema,
    amountDue: AmountStringSchema,
    clientId: IdSchema,
    clientName: z.string().optional(),
    disputed: z.boolean({ error: "doit valoir true ou false" }).optional(),
    correctsInvoiceId: IdSchema.optional(),
  })
  .superRefine((doc, ctx) => {
    if (!isDecimalString(doc.amountDue)) return; // already reported on amountDue
    const negative = doc.amountDue.startsWith("-");
    if (doc.kind === "credit_note") {
      if (!toDecimal(doc.amountDue).isNegative() || toDecimal(doc.amountDue).isZero()) {
        ctx.addIssue({ code: "custom", path: ["amountDue"], message: "doit être négatif pour un avoir" });
      }
      if (doc.correctsInvoiceId === undefined) {
        ctx.addIssue({ code: "custom", path: ["correctsInvoiceId"], message: "un avoir doit indiquer la facture qu'il corrige" });
      }
    } else {
      if (negative) ctx.addIssue({ code: "custom", path: ["amountDue"], message: "ne peut pas être négatif pour une facture" });
      if (doc.correctsInvoiceId !== undefined) {
        ctx.addIssue({ code: "custom", path: ["correctsInvoiceId"], message: "réservé aux avoirs" });
      }
    }
    if (doc.dueDate < doc.issueDate) {
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: "ne peut pas précéder la date d'émission" });
    }
  });
export type ReceivableDocumentWire = z.infer<typeof ReceivableDocumentWireSchema>;

/** Wire form of a `PaymentAllocation`. */
export const PaymentAllocationWireSchema = z.object({
  invoiceId: IdSchema,
  amount: AmountStringSchema.refine((s) => !isDecimalString(s) || toDecimal(s).greaterThan(0), { message: "doit être strictement positif" }),
  date: IsoDateSchema,
});
export type PaymentAllocationWire = z.infer<typeof PaymentAllocationWireSchema>;

export function receivableDocumentFromWire(wire: ReceivableDocumentWire): ReceivableDocument {
  return { ...wire, amountDue: toDecimal(wire.amountDue) };
}

export function paymentAllocationFromWire(wire: PaymentAllocationWire): PaymentAllocation {
  return { ...wire, amount: toDecimal(wire.amount) };
}
