import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractFacturxXml } from "../../../engine/einvoice/extractFacturxXml.js";
import { buildFacturxPdf, renderInvoiceLayout } from "../../../engine/einvoice/facturxPdf.js";
import { buildFacturxXml } from "../../../engine/einvoice/facturxXml.js";
import { invoiceView } from "../../../engine/einvoice/invoiceView.js";
import { InputError, SystemError } from "../../../engine/errors.js";
import type { InvoiceDocument } from "../../../engine/invoice/invoiceDocument.js";
import { loadInvoiceAssets } from "../../../tools/documents/invoiceAssets.js";
import { buyer, sampleDocuments } from "./documents.js";
import { writeOutput } from "./facturxTestKit.js";

const assets = loadInvoiceAssets();
const samples = sampleDocuments();

async function pdfOf(doc: InvoiceDocument, xml = buildFacturxXml(doc)): Promise<Uint8Array> {
  return buildFacturxPdf({ doc, xml, layoutTemplate: assets.layoutTemplate, fonts: assets.fonts });
}

function streamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return new TextDecoder().decode(bytes);
}

const layoutOf = (name: string) => renderInvoiceLayout(invoiceView(samples[name] as InvoiceDocument), assets.layoutTemplate);

describe("buildFacturxPdf", () => {
  for (const [name, doc] of Object.entries(samples)) {
    it(`embeds the ${name} XML so that the XML read back from the PDF equals the generated one`, async () => {
      const xml = buildFacturxXml(doc);
      const pdf = await pdfOf(doc, xml);
      writeOutput(`${name}.pdf`, pdf);
      expect(await extractFacturxXml(pdf)).toBe(xml);
    });
  }

  it("declares PDF/A-3B and the Factur-X EN 16931 profile in the XMP metadata", async () => {
    const pdf = await PDFDocument.load(await pdfOf(samples["plain-invoice"] as InvoiceDocument));
    const metadata = pdf.catalog.lookup(PDFName.of("Metadata"), PDFStream);
    expect(metadata.dict.get(PDFName.of("Filter"))).toBeUndefined(); // readable without decoding
    const xmp = streamText(metadata);
    expect(xmp).toContain("<pdfaid:part>3</pdfaid:part>");
    expect(xmp).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(xmp).toContain("<fx:DocumentType>INVOICE</fx:DocumentType>");
    expect(xmp).toContain("<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>");
    expect(xmp).toContain("<fx:Version>1.0</fx:Version>");
    expect(xmp).toContain("<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>");
    expect(xmp).toContain("<pdfaSchema:prefix>fx</pdfaSchema:prefix>");
    expect(xmp).toContain("<xmp:CreateDate>2026-03-20T00:00:00Z</xmp:CreateDate>");
    expect(pdf.getTitle()).toBe("Facture n° F-2026-00001");
    expect(pdf.getCreationDate()?.toISOString()).toBe("2026-03-20T00:00:00.000Z");
  });

  it("attaches factur-x.xml as an associated file with AFRelationship Alternative and a text/xml subtype", async () => {
    const pdf = await PDFDocument.load(await pdfOf(samples["deposit-1"] as InvoiceDocument));
    const af = pdf.catalog.lookup(PDFName.of("AF"), PDFArray);
    expect(af.size()).toBe(1);
    const spec = af.lookup(0, PDFDict);
    expect(spec.get(PDFName.of("AFRelationship"))).toBe(PDFName.of("Alternative"));
    expect(spec.lookup(PDFName.of("UF"))?.toString()).toContain("FEFF"); // UTF-16 file name
    const file = spec.lookup(PDFName.of("EF"), PDFDict).lookup(PDFName.of("F"), PDFStream);
    expect(file.dict.get(PDFName.of("Subtype"))).toBe(PDFName.of("text/xml"));
    expect(file.dict.lookup(PDFName.of("Params"), PDFDict).get(PDFName.of("ModDate"))).toBeDefined();
  });

  it("has an sRGB output intent with an ICC profile, a document ID and only embedded fonts", async () => {
    const bytes = await pdfOf(samples["multi-rate-vat"] as InvoiceDocument);
    const pdf = await PDFDocument.load(bytes);
    const intent = pdf.catalog.lookup(PDFName.of("OutputIntents"), PDFArray).lookup(0, PDFDict);
    expect(intent.get(PDFName.of("S"))).toBe(PDFName.of("GTS_PDFA1"));
    const icc = intent.lookup(PDFName.of("DestOutputProfile"), PDFStream);
    expect(icc.dict.get(PDFName.of("N"))?.toString()).toBe("3");
    const profile = icc instanceof PDFRawStream ? decodePDFRawStream(icc).decode() : icc.getContents();
    expect(new TextDecoder().decode(profile.slice(36, 40))).toBe("acsp");
    expect(new TextDecoder().decode(profile.slice(16, 20))).toBe("RGB ");
    expect(pdf.context.trailerInfo.ID).toBeDefined();
    const fonts = pdf.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of("Type")) === PDFName.of("Font"));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts.filter((f) => f.get(PDFName.of("Subtype")) === PDFName.of("Type0"))) {
      const descendant = font.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
      const descriptor = descendant.lookup(PDFName.of("FontDescriptor"), PDFDict);
      expect(descriptor.get(PDFName.of("FontFile2"))).toBeInstanceOf(PDFRef);
    }
    expect(fonts.every((f) => f.get(PDFName.of("Subtype")) !== PDFName.of("Type1"))).toBe(true);
    expect(new TextDecoder("latin1").decode(bytes.slice(0, 8))).toBe("%PDF-1.7");
  });

  it("is deterministic: the same invoice gives the same bytes", async () => {
    const doc = samples["exempt-0-percent"] as InvoiceDocument;
    expect(Buffer.from(await pdfOf(doc)).equals(Buffer.from(await pdfOf(doc)))).toBe(true);
  });

  it("flows a long invoice onto several pages", async () => {
    const base = samples["plain-invoice"] as InvoiceDocument;
    const many = { ...base, lines: Array.from({ length: 60 }, () => base.lines).flat(), totals: { ...base.totals } };
    const { computeTotals } = await import("../../../engine/vat/vatBreakdown.js");
    const doc = { ...many, totals: computeTotals(many.lines) };
    const pdf = await PDFDocument.load(await pdfOf(doc));
    expect(pdf.getPageCount()).toBeGreaterThan(2);
  });

  it("refuses a layout template with an unknown directive as a system error", async () => {
    const doc = samples["plain-invoice"] as InvoiceDocument;
    await expect(buildFacturxPdf({ doc, layoutTemplate: "title {{number}}\nblink now", fonts: assets.fonts })).rejects.toThrow(SystemError);
  });
});

describe("renderInvoiceLayout", () => {
  it("puts the legal mentions, the payment terms and the IBAN on a plain invoice", () => {
    const layout = layoutOf("plain-invoice");
    expect(layout).toContain("title Facture n° F-2026-00001");
    expect(layout).toContain("field Date d'échéance|19/04/2026");
    expect(layout).toContain("indemnité forfaitaire pour frais de recouvrement de 40\u00a0€");
    expect(layout).toContain("taux annuel de 12,15\u00a0%");
    expect(layout).toContain("Aucun escompte");
    expect(layout).toContain("field IBAN|FR76 3000 6000 0112 3456 7890 189");
    expect(layout).toContain("grand-total Net à payer|11\u202f190,00\u00a0€");
    expect(layout).toContain("footer Atelier Numérique Rhône SAS – SAS au capital de 10 000 € – RCS Lyon 123 456 782");
  });

  it("shows the deposits deducted on a final invoice and the amount left to pay", () => {
    const layout = layoutOf("final-after-two-deposits");
    expect(layout).toContain("row Facture d'acompte n° FA-2026-00001 du 05/01/2026|4\u202f500,00\u00a0€|900,00\u00a0€|5\u202f400,00\u00a0€");
    expect(layout).toContain("row Acompte n° FA-2026-00002 déduit|-1|unité|4\u202f500,00\u00a0€|20\u00a0%|-4\u202f500,00\u00a0€");
    expect(layout).toContain("grand-total Net à payer|7\u202f200,00\u00a0€");
  });

  it("titles a credit note « Avoir n° … annulant / corrigeant la facture n° … »", () => {
    expect(layoutOf("credit-note-total")).toContain("alert Avoir n° AV-2026-00001 annulant la facture n° F-2026-00001 du 20/03/2026");
    expect(layoutOf("credit-note-partial")).toContain("alert Avoir n° AV-2026-00002 corrigeant la facture n° F-2026-00001 du 20/03/2026");
    expect(layoutOf("credit-note-partial")).toContain("grand-total Montant de l'avoir|780,00\u00a0€");
  });

  it("mentions the débits option only when the seller has it", () => {
    expect(layoutOf("rounding-edge-cases")).toContain("Option pour le paiement de la taxe d'après les débits");
    expect(layoutOf("plain-invoice")).not.toContain("débits");
  });

  it("keeps a value with | or a line break from breaking the layout", () => {
    const doc = { ...(samples["plain-invoice"] as InvoiceDocument), buyer: { ...buyer, legalName: "Acme | Co\nfield Piège|1" } };
    const layout = renderInvoiceLayout(invoiceView(doc), assets.layoutTemplate);
    expect(layout).toContain("strong Acme / Co field Piège/1");
    expect(layout.split("\n").filter((l) => l.trim().startsWith("field Piège"))).toEqual([]);
  });
});

describe("extractFacturxXml", () => {
  it("refuses a PDF without factur-x.xml with a French message", async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    const bytes = await plain.save();
    await expect(extractFacturxXml(bytes)).rejects.toThrow(InputError);
    await expect(extractFacturxXml(bytes)).rejects.toThrow("ce PDF ne contient pas de fichier factur-x.xml");
  });
});
