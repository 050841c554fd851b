import { z } from "zod";
import type { InvoiceKind, InvoiceStatus } from "../../db/schema/invoices.js";
import type { ReceivableStatus } from "../../engine/receivables/invoiceReceivable.js";

/**
 * The status a person reads for an invoice, as of a date: the stored life-cycle status for drafts,
 * cancelled documents and invoices cancelled by a credit note (`credited`), else the receivable status computed by the engine (credit notes
 * included): issued (nothing paid, not due yet), partially paid, paid, overdue.
 */
export const InvoiceDisplayStatusSchema = z.enum(["draft", "issued", "partially_paid", "paid", "overdue", "credited", "cancelled"]);
export type InvoiceDisplayStatus = z.infer<typeof InvoiceDisplayStatusSchema>;

export const INVOICE_DISPLAY_STATUS_LABELS: Readonly<Record<InvoiceDisplayStatus, string>> = {
  draft: "brouillon",
  issued: "émise",
  partially_paid: "partiellement payée",
  paid: "payée",
  overdue: "en retard",
  credited: "annulée par avoir",
  cancelled: "annulée",
};

export function displayStatusOf(stored: InvoiceStatus, receivable: ReceivableStatus | undefined): InvoiceDisplayStatus {
  if (stored === "draft" || stored === "cancelled" || stored === "credited") return stored;
  if (receivable === undefined) return stored === "paid" || stored === "partially_paid" ? stored : "issued";
  return receivable === "unpaid" ? "issued" : receivable;
}

/** "avoir émis" for a credit note, else the status label (with the kind for a deposit invoice). */
export function displayStatusLabel(kind: InvoiceKind, status: InvoiceDisplayStatus): string {
  if (kind === "credit_note") return status === "draft" ? "avoir en brouillon" : status === "cancelled" ? "avoir annulé" : "avoir émis";
  return INVOICE_DISPLAY_STATUS_LABELS[status];
}
