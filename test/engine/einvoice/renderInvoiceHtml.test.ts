import { describe, expect, it } from "vitest";
import { renderInvoiceHtml } from "../../../engine/einvoice/renderInvoiceHtml.js";
import type { InvoiceDocument } from "../../../engine/invoice/invoiceDocument.js";
import { loadInvoiceAssets } from "../../../tools/documents/invoiceAssets.js";
import { buyer, sampleDocuments } from "./documents.js";

const template = loadInvoiceAssets().htmlTemplate;
const samples = sampleDocuments();

describe("renderInvoiceHtml", () => {
  it("renders a French invoice page with totals, payment terms and legal mentions", () => {
    const html = renderInvoiceHtml(samples["plain-invoice"] as InvoiceDocument, template);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Facture n° F-2026-00001");
    expect(html).toContain("11\u202f190,00\u00a0€");
    expect(html).toContain("Paiement à 30 jours net par virement SEPA, au plus tard le 19/04/2026.");
    expect(html).toContain("40\u00a0€");
    expect(html).toContain("Bon de commande : BC-2026-118");
  });

  it("states what a credit note cancels", () => {
    const html = renderInvoiceHtml(samples["credit-note-total"] as InvoiceDocument, template);
    expect(html).toContain("Avoir n° AV-2026-00001 annulant la facture n° F-2026-00001 du 20/03/2026");
    expect(html).not.toContain("IBAN");
  });

  it("escapes every value: a client name with markup is shown, never interpreted", () => {
    const doc = { ...(samples["plain-invoice"] as InvoiceDocument), buyer: { ...buyer, legalName: '<script>alert("x")</script> & {{x}}' } };
    const html = renderInvoiceHtml(doc, template);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{x}}");
  });
});
