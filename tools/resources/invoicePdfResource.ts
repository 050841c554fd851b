import { latestIssuedInvoices } from "../../db/repositories/invoiceQueries.js";
import { loadInvoiceDocument } from "../../db/repositories/loadInvoiceDocument.js";
import { facturxDocuments } from "../documents/facturxDocuments.js";
import type { ResourceDefinition } from "./resourceDefinition.js";

/**
 * An issued invoice, deposit or credit note as its Factur-X e-invoice: the PDF/A-3 the customer
 * receives, with the structured XML (factur-x.xml) embedded. Sent base64-encoded (`blob`).
 */
export const invoicePdfResource: ResourceDefinition = {
  name: "facture-pdf",
  title: "Facture électronique Factur-X (PDF)",
  description:
    "Le PDF Factur-X (PDF/A-3 avec le XML factur-x.xml joint) d'une facture, d'un acompte ou d'un avoir émis, tel que le client le reçoit. Adressé par son numéro.",
  uriTemplate: "facturation://factures/{numero}.pdf",
  mimeType: "application/pdf",
  async list(ctx) {
    return (await latestIssuedInvoices(ctx.db, 50)).flatMap((invoice) =>
      invoice.number
        ? [{ uri: `facturation://factures/${encodeURIComponent(invoice.number)}.pdf`, name: `${invoice.number}.pdf`, title: `Facture ${invoice.number} (PDF Factur-X)` }]
        : [],
    );
  },
  read: async (variables, ctx) => (await facturxDocuments(await loadInvoiceDocument(ctx.db, decodeURIComponent(variables.numero ?? "")))).pdf,
};
