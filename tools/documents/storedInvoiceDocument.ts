import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/database.js";
import { getInvoice, invoiceFromRow } from "../../db/repositories/invoices.js";
import { invoices } from "../../db/schema/invoices.js";
import { projects } from "../../db/schema/projects.js";
import { RuleError, SystemError } from "../../engine/errors.js";
import type { InvoiceDocument, InvoiceLine, Seller } from "../../engine/invoice/invoiceDocument.js";
import { toAmountString, toDecimal } from "../../engine/money/money.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";

/**
 * The `InvoiceDocument` of an issued invoice, deposit or credit note, from its stored rows and the
 * seller and buyer snapshots taken when it was issued (so a later change of address does not alter
 * an issued document). Refuses a draft: a draft has no number and no Factur-X.
 */
export async function storedInvoiceDocument(db: Database, idOrNumber: number | string): Promise<InvoiceDocument> {
  const { invoice, lines } = await getInvoice(db, idOrNumber);
  if (invoice.status === "draft" || !invoice.number || !invoice.issueDate || !invoice.dueDate || !invoice.sellerSnapshot || !invoice.buyerSnapshot)
    throw new RuleError(`la facture ${idOrNumber} est un brouillon : elle n'a pas encore de numéro ni de Factur-X`, { field: "invoice", code: "invoice_draft" });

  const relatedIds = [...lines.map((l) => l.deductsInvoiceId), invoice.correctsInvoiceId].filter((id): id is number => id !== null);
  const related = relatedIds.length ? (await db.select().from(invoices).where(inArray(invoices.id, relatedIds))).map(invoiceFromRow) : [];
  const byId = new Map(related.map((r) => [r.id, r]));
  const referenced = (id: number) => {
    const r = byId.get(id);
    if (!r?.number || !r.issueDate) throw new SystemError(`la facture liée ${id} n'est pas émise`, { code: "invoice_link_broken" });
    return { ...r, number: r.number, issueDate: r.issueDate };
  };

  const documentLines: InvoiceLine[] = lines.map((l) => ({
    label: l.label,
    quantity: l.quantity,
    unitCode: l.unitCode,
    unitPrice: l.unitPrice,
    net: l.net,
    vatRate: l.vatRate,
    vatExemption: l.vatExemption ?? undefined,
    deducts: l.deductsInvoiceId !== null ? { number: referenced(l.deductsInvoiceId).number, issueDate: referenced(l.deductsInvoiceId).issueDate } : undefined,
  }));
  const totals = computeTotals(documentLines);
  if (!totals.amountDue.equals(invoice.amountDue) || !totals.vatAmount.equals(invoice.vatAmount))
    throw new SystemError(
      `la facture ${invoice.number} est incohérente : ${toAmountString(invoice.amountDue)} enregistré, ${toAmountString(totals.amountDue)} d'après ses lignes`,
      { code: "invoice_inconsistent" },
    );

  const deposits = [...new Set(lines.map((l) => l.deductsInvoiceId).filter((id): id is number => id !== null))].map(referenced);
  const corrected = invoice.correctsInvoiceId !== null ? referenced(invoice.correctsInvoiceId) : undefined;
  const project = invoice.projectId !== null ? (await db.select({ name: projects.name }).from(projects).where(eq(projects.id, invoice.projectId)))[0] : undefined;
  const { latePenaltyRate, recoveryFee: _recoveryFee, ...sellerRest } = invoice.sellerSnapshot;
  const seller: Seller = { ...sellerRest, latePenaltyRate: toDecimal(latePenaltyRate) };

  return {
    kind: invoice.kind,
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: "EUR",
    seller,
    buyer: invoice.buyerSnapshot,
    buyerReference: invoice.buyerReference ?? undefined,
    purchaseOrder: invoice.purchaseOrder ?? undefined,
    projectName: project?.name,
    lines: documentLines,
    totals,
    paymentTerms: invoice.paymentTerms,
    deductedDeposits: deposits.map((d) => ({ number: d.number, issueDate: d.issueDate, netAmount: d.netAmount, vatAmount: d.vatAmount, amountDue: d.amountDue })),
    corrects: corrected
      ? {
          number: corrected.number,
          issueDate: corrected.issueDate,
          reason: invoice.correctionReason ?? "Correction de facture",
          scope: invoice.amountDue.abs().equals(corrected.amountDue) ? "total" : "partial",
        }
      : undefined,
    supplyType: invoice.supplyType,
    notes: invoice.notes,
  };
}
