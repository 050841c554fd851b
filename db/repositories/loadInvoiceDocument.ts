import { asc, eq, inArray } from "drizzle-orm";
import { NotFoundError, RuleError } from "../../engine/errors.js";
import type { InvoiceDocument } from "../../engine/invoice/invoiceDocument.js";
import { toDecimal } from "../../engine/money/money.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import type { Database } from "../database.js";
import { invoices } from "../schema/invoices.js";
import { projects } from "../schema/projects.js";
import { findInvoice } from "./invoiceQueries.js";
import { type StoredInvoiceLine, lineFromRow } from "./storedInvoice.js";
import { invoiceLines } from "../schema/invoices.js";

/**
 * The issued invoice as the engine's `InvoiceDocument` (for Factur-X, PDF and e-mails), built from
 * the snapshots taken at issue: later changes to the seller or the client never alter it.
 */
export async function loadInvoiceDocument(db: Database, invoiceIdOrNumber: number | string): Promise<InvoiceDocument> {
  const invoice = await findInvoice(db, invoiceIdOrNumber);
  if (!invoice) throw new NotFoundError(`facture ${invoiceIdOrNumber} introuvable`, { field: "invoice" });
  if (invoice.status === "draft" || !invoice.number || !invoice.issueDate || !invoice.dueDate || !invoice.sellerSnapshot || !invoice.buyerSnapshot) {
    throw new RuleError("un brouillon n'a pas encore de document : émettez-le d'abord", { field: "invoice", code: "not_issued" });
  }
  const lineRows = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position));
  const lines: StoredInvoiceLine[] = lineRows.map(lineFromRow);
  const depositIds = lines.map((l) => l.deductsInvoiceId).filter((id): id is number => id !== null);
  const referenced = [...depositIds, ...(invoice.correctsInvoiceId !== null ? [invoice.correctsInvoiceId] : [])];
  const others = referenced.length ? await db.select().from(invoices).where(inArray(invoices.id, referenced)) : [];
  const byId = new Map(others.map((o) => [o.id, o]));
  const [project] = invoice.projectId !== null ? await db.select({ name: projects.name }).from(projects).where(eq(projects.id, invoice.projectId)) : [];
  const { latePenaltyRate, recoveryFee: _recoveryFee, ...seller } = invoice.sellerSnapshot;
  const corrected = invoice.correctsInvoiceId !== null ? byId.get(invoice.correctsInvoiceId) : undefined;
  return {
    kind: invoice.kind,
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: "EUR",
    seller: { ...seller, latePenaltyRate: toDecimal(latePenaltyRate) },
    buyer: invoice.buyerSnapshot,
    buyerReference: invoice.buyerReference ?? undefined,
    purchaseOrder: invoice.purchaseOrder ?? undefined,
    projectName: project?.name,
    lines: lines.map((l) => {
      const deposit = l.deductsInvoiceId !== null ? byId.get(l.deductsInvoiceId) : undefined;
      return {
        label: l.label,
        quantity: l.quantity,
        unitCode: l.unitCode,
        unitPrice: l.unitPrice,
        net: l.net,
        vatRate: l.vatRate,
        vatExemption: l.vatExemption ?? undefined,
        deducts: deposit?.number && deposit.issueDate ? { number: deposit.number, issueDate: deposit.issueDate } : undefined,
      };
    }),
    totals: computeTotals(lines.map((l) => ({ net: l.net, vatRate: l.vatRate, vatExemption: l.vatExemption ?? undefined }))),
    paymentTerms: invoice.paymentTerms,
    deductedDeposits: depositIds.flatMap((id) => {
      const d = byId.get(id);
      return d?.number && d.issueDate
        ? [{ number: d.number, issueDate: d.issueDate, netAmount: toDecimal(d.netAmount), vatAmount: toDecimal(d.vatAmount), amountDue: toDecimal(d.amountDue) }]
        : [];
    }),
    corrects:
      corrected?.number && corrected.issueDate
        ? {
            number: corrected.number,
            issueDate: corrected.issueDate,
            reason: invoice.correctionReason ?? "",
            // "annulant" when it credits the whole corrected invoice, "corrigeant" otherwise.
            scope: invoice.amountDue.abs().equals(toDecimal(corrected.amountDue).abs()) ? ("total" as const) : ("partial" as const),
          }
        : undefined,
    supplyType: invoice.supplyType,
    notes: invoice.notes,
  };
}
