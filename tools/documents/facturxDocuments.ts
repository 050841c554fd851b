import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildFacturxPdf } from "../../engine/einvoice/facturxPdf.js";
import { buildFacturxXml } from "../../engine/einvoice/facturxXml.js";
import { renderInvoiceHtml } from "../../engine/einvoice/renderInvoiceHtml.js";
import type { InvoiceDocument } from "../../engine/invoice/invoiceDocument.js";
import { loadInvoiceAssets } from "./invoiceAssets.js";

/** The e-invoice of a document: its Factur-X XML and the PDF/A-3 that embeds it. */
export interface FacturxDocuments {
  readonly xml: string;
  readonly pdf: Uint8Array;
}

export async function facturxDocuments(doc: InvoiceDocument): Promise<FacturxDocuments> {
  const assets = loadInvoiceAssets();
  const xml = buildFacturxXml(doc);
  const pdf = await buildFacturxPdf({ doc, xml, layoutTemplate: assets.layoutTemplate, fonts: assets.fonts });
  return { xml, pdf };
}

/** The invoice as an HTML page (the MCP invoice resource). */
export function invoiceHtml(doc: InvoiceDocument): string {
  return renderInvoiceHtml(doc, loadInvoiceAssets().htmlTemplate);
}

/** Writes `<number>.xml` and `<number>.pdf` into `dir` (created if needed); returns the two paths. */
export async function writeFacturxFiles(doc: InvoiceDocument, dir: string): Promise<{ xmlPath: string; pdfPath: string }> {
  const { xml, pdf } = await facturxDocuments(doc);
  await mkdir(dir, { recursive: true });
  // Document numbers fit BR-FR-02 ([A-Za-z0-9+-_/]); "/" would open a folder, so it becomes "_" in file names.
  const base = doc.number.replaceAll("/", "_");
  const xmlPath = join(dir, `${base}.xml`);
  const pdfPath = join(dir, `${base}.pdf`);
  await writeFile(xmlPath, xml, "utf8");
  await writeFile(pdfPath, pdf);
  return { xmlPath, pdfPath };
}
