import { createHash } from "node:crypto";
import fontkit from "@pdf-lib/fontkit";
import Handlebars from "handlebars";
import { AFRelationship, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { SystemError } from "../errors.js";
import type { InvoiceDocument } from "../invoice/invoiceDocument.js";
import { FACTURX_FILE_NAME, buildFacturxXml } from "./facturxXml.js";
import { type InvoiceView, invoiceView } from "./invoiceView.js";
import { LayoutError, drawLayout, parseLayout } from "./pdfLayout.js";
import { srgbIccProfile } from "./srgbIccProfile.js";
import { xmpMetadata } from "./xmpMetadata.js";

export const PRODUCER = "Facturation (pdf-lib)";

export interface FacturxPdfInput {
  readonly doc: InvoiceDocument;
  /** The Handlebars layout template (`prompts/invoice/invoice.layout.hbs`), read by the shell. */
  readonly layoutTemplate: string;
  /** TrueType fonts to embed (DejaVu Sans and DejaVu Sans Bold from the dejavu-fonts-ttf package). */
  readonly fonts: { readonly regular: Uint8Array; readonly bold: Uint8Array };
  /** The XML to embed; built from `doc` when omitted. */
  readonly xml?: string | undefined;
}

/** Every string of the view with line breaks and "|" removed, so a value never breaks a layout directive. */
function layoutSafe<T>(value: T): T {
  if (typeof value === "string") return value.replace(/[\r\n\t]+/g, " ").replaceAll("|", "/") as T;
  if (Array.isArray(value)) return value.map(layoutSafe) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, layoutSafe(v)])) as T;
  return value;
}

/** Renders the layout template with the invoice view: the text the PDF is drawn from. */
export function renderInvoiceLayout(view: InvoiceView, layoutTemplate: string): string {
  return Handlebars.create().compile(layoutTemplate, { noEscape: true })(layoutSafe(view));
}

/**
 * A Factur-X PDF/A-3B: the invoice drawn from the layout template with embedded DejaVu fonts, the
 * CII XML embedded as `factur-x.xml` (AFRelationship Alternative, listed in the catalog's /AF),
 * XMP metadata with pdfaid and the fx: extension schema, an sRGB OutputIntent and a document ID.
 * Pure and deterministic: dates come from the invoice's issue date, the ID from the XML's digest.
 */
export async function buildFacturxPdf(input: FacturxPdfInput): Promise<Uint8Array> {
  const { doc } = input;
  const xml = input.xml ?? buildFacturxXml(doc);
  const view = invoiceView(doc);
  let blocks;
  try {
    blocks = parseLayout(renderInvoiceLayout(view, input.layoutTemplate));
  } catch (error) {
    if (error instanceof LayoutError) throw new SystemError(`modèle de mise en page invalide : ${error.message}`, { cause: error });
    throw error;
  }

  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(input.fonts.regular, { subset: true });
  const bold = await pdf.embedFont(input.fonts.bold, { subset: true });
  drawLayout(pdf, blocks, { regular, bold });

  const date = new Date(`${doc.issueDate}T00:00:00Z`);
  const title = `${view.title} n° ${doc.number}`;
  const subject = `${view.title} ${doc.number} – ${doc.seller.legalName} → ${doc.buyer.legalName}`;
  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.seller.legalName);
  pdf.setSubject(subject);
  pdf.setCreator(PRODUCER);
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  pdf.setLanguage("fr-FR");

  const xmlBytes = new TextEncoder().encode(xml);
  await pdf.attach(xmlBytes, FACTURX_FILE_NAME, {
    mimeType: "text/xml",
    description: "Factur-X (EN 16931)",
    creationDate: date,
    modificationDate: date,
    afRelationship: AFRelationship.Alternative,
  });

  const xmp = xmpMetadata({
    title,
    author: doc.seller.legalName,
    subject,
    producer: PRODUCER,
    creatorTool: PRODUCER,
    createDate: `${doc.issueDate}T00:00:00Z`,
    documentFileName: FACTURX_FILE_NAME,
    documentType: "INVOICE",
    version: "1.0",
    conformanceLevel: "EN 16931",
  });
  const ctx = pdf.context;
  const xmpBytes = new TextEncoder().encode(xmp);
  const metadata = ctx.stream(xmpBytes, { Type: "Metadata", Subtype: "XML", Length: xmpBytes.length });
  pdf.catalog.set(PDFName.of("Metadata"), ctx.register(metadata));

  const icc = ctx.flateStream(srgbIccProfile(), { N: 3 });
  const outputIntent = ctx.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of("sRGB IEC61966-2.1"),
    Info: PDFString.of("sRGB IEC61966-2.1"),
    RegistryName: PDFString.of("http://www.color.org"),
    DestOutputProfile: ctx.register(icc),
  });
  pdf.catalog.set(PDFName.of("OutputIntents"), ctx.obj([ctx.register(outputIntent)]));
  pdf.catalog.set(PDFName.of("MarkInfo"), ctx.obj({ Marked: false }));

  const id = createHash("sha256").update(xml).digest("hex").slice(0, 32);
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);

  return pdf.save({ useObjectStreams: false });
}
