import { latestIssuedInvoices } from "../../db/repositories/invoiceQueries.js";
import { invoiceHtml } from "../documents/facturxDocuments.js";
import { loadInvoiceDocument } from "../../db/repositories/loadInvoiceDocument.js";
import type { ResourceDefinition } from "./resourceDefinition.js";

/** An issued invoice, deposit or credit note as the HTML document the customer receives. */
export const invoiceDocumentResource: ResourceDefinition = {
  name: "facture",
  title: "Document de facture (HTML)",
  description: "Le document d'une facture, d'un acompte ou d'un avoir émis, tel que le client le reçoit (HTML). Adressé par son numéro.",
  uriTemplate: "facturation://factures/{numero}",
  mimeType: "text/html",
  async list(ctx) {
    return (await latestIssuedInvoices(ctx.db, 50)).flatMap((invoice) =>
      invoice.number ? [{ uri: `facturation://factures/${encodeURIComponent(invoice.number)}`, name: invoice.number, title: `Facture ${invoice.number}` }] : [],
    );
  },
  read: async (variables, ctx) => invoiceHtml(await loadInvoiceDocument(ctx.db, decodeURIComponent(variables.numero ?? ""))),
};
