import { z } from "zod";
import type { InvoiceWithLines } from "../../db/repositories/contractInvoices.js";
import { findSellerSettings, sellerParty } from "../../db/repositories/seller.js";
import { legalMentions } from "../../engine/einvoice/legalMentions.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toAmountString, toDecimal, toPlainString } from "../../engine/money/money.js";
import { describePaymentTerms } from "../../engine/terms/paymentTerms.js";
import { VAT_EXEMPTIONS } from "../../engine/vat/vatRate.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import type { ToolDatabase } from "../toolDatabase.js";

const KIND_FR = { invoice: "facture", deposit: "facture d'acompte", credit_note: "avoir" } as const;

/** An invoice draft (or issued invoice) as the preparation tools show it. Amounts are decimal strings. */
export const InvoiceDraftViewSchema = z.object({
  invoiceId: z.number().int().describe("identifiant du brouillon, à passer à issue_invoice"),
  number: z.string().nullable().describe("numéro (null tant que c'est un brouillon)"),
  kind: z.enum(["invoice", "deposit", "credit_note"]),
  kindLabel: z.string(),
  status: z.string(),
  contractId: z.number().int().nullable(),
  issueDate: IsoDateSchema.nullable().describe("date d'émission prévue"),
  dueDate: IsoDateSchema.nullable(),
  paymentTerms: z.string(),
  lines: z.array(
    z.object({
      label: z.string(),
      quantity: DecimalStringSchema,
      unitPrice: DecimalStringSchema,
      net: AmountStringSchema,
      vatRate: DecimalStringSchema,
      scheduleItemIndex: z.number().int().nullable().describe("échéance du contrat facturée par la ligne"),
      deductsInvoiceId: z.number().int().nullable().describe("ligne de déduction : la facture d'acompte déduite"),
    }),
  ),
  totals: z.object({ net: AmountStringSchema, vat: AmountStringSchema, gross: AmountStringSchema }),
  notes: z.array(z.string()),
  legalMentions: z.array(z.string()).describe("mentions légales portées sur la facture"),
});
export type InvoiceDraftView = z.infer<typeof InvoiceDraftViewSchema>;

/** The legal mentions every invoice carries (from the seller settings; the generic ones when absent). */
export async function legalMentionTexts(db: ToolDatabase): Promise<string[]> {
  const seller = await findSellerSettings(db);
  if (!seller) return [];
  const m = legalMentions({ seller: sellerParty(seller) });
  return [m.latePenalties, m.recoveryIndemnity, m.earlyPaymentDiscount, ...(m.vatOnDebits ? [m.vatOnDebits] : [])];
}

export function invoiceDraftView(stored: InvoiceWithLines, mentions: readonly string[]): InvoiceDraftView {
  const { invoice, lines } = stored;
  const exemptions = [...new Set(lines.map((l) => l.vatExemption).filter((e) => e !== null))].map((e) => VAT_EXEMPTIONS[e].text);
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    kind: invoice.kind,
    kindLabel: KIND_FR[invoice.kind],
    status: invoice.status,
    contractId: invoice.contractId,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    paymentTerms: describePaymentTerms(invoice.paymentTerms),
    lines: lines.map((l) => ({
      label: l.label,
      quantity: toPlainString(l.quantity),
      unitPrice: toPlainString(l.unitPrice),
      net: toAmountString(l.net),
      vatRate: l.vatRate,
      scheduleItemIndex: l.scheduleItemIndex,
      deductsInvoiceId: l.deductsInvoiceId,
    })),
    totals: { net: toAmountString(invoice.netAmount), vat: toAmountString(invoice.vatAmount), gross: toAmountString(invoice.amountDue) },
    notes: [...invoice.notes],
    legalMentions: [...mentions, ...exemptions],
  };
}

/** "facture de 3 000,00 € HT (3 600,00 € TTC)". */
export function describeDraft(view: InvoiceDraftView): string {
  const total = (s: string) => formatEuros(toDecimal(s));
  return `${view.kindLabel} de ${total(view.totals.net)} HT (${total(view.totals.gross)} TTC)`;
}
