import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, PDFString, PDFHexString, decodePDFRawStream } from "pdf-lib";
import { InputError } from "../errors.js";
import { FACTURX_FILE_NAME } from "./facturxXml.js";

function nameOf(value: unknown): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/** Walks an EmbeddedFiles name tree (Names pairs and Kids) for `fileName`'s file specification. */
function findInNameTree(node: PDFDict, fileName: string): PDFDict | undefined {
  const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
  if (names) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      if (nameOf(names.lookup(i)) === fileName) return names.lookupMaybe(i + 1, PDFDict);
    }
  }
  const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
  for (let i = 0; kids && i < kids.size(); i += 1) {
    const found = findInNameTree(kids.lookup(i, PDFDict), fileName);
    if (found) return found;
  }
  return undefined;
}

/** Reads the embedded `factur-x.xml` back from a Factur-X PDF. Throws InputError when there is none. */
export async function extractFacturxXml(pdfBytes: Uint8Array, fileName = FACTURX_FILE_NAME): Promise<string> {
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const tree = pdf.catalog.lookupMaybe(PDFName.of("Names"), PDFDict)?.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict);
  const spec = tree ? findInNameTree(tree, fileName) : undefined;
  const stream = spec?.lookupMaybe(PDFName.of("EF"), PDFDict)?.lookupMaybe(PDFName.of("F"), PDFStream);
  if (!stream) throw new InputError(`ce PDF ne contient pas de fichier ${fileName}`, { code: "facturx_missing" });
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return new TextDecoder("utf-8").decode(bytes);
}
