import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";

// jsqr is CommonJS with `exports.default`: its default import is the module object under NodeNext.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default ?? jsQRModule;
import { afterAll, describe, expect, it } from "vitest";
import { epcPayload } from "../../../engine/einvoice/epcQrCode.js";
import { buildFacturxPdf } from "../../../engine/einvoice/facturxPdf.js";
import type { InvoiceDocument } from "../../../engine/invoice/invoiceDocument.js";
import { Decimal } from "../../../engine/money/money.js";
import { loadInvoiceAssets } from "../../../tools/documents/invoiceAssets.js";
import { sampleDocuments } from "./documents.js";

const assets = loadInvoiceAssets();
const work = mkdtempSync(path.join(tmpdir(), "epc-qr-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The QR codes a banking app would find on the first page: the PDF rendered at 150 dpi by poppler's
 * pdftoppm (Debian package poppler-utils, installed by .ci/run), each decoded by jsQR.
 */
async function qrCodesOnFirstPage(doc: InvoiceDocument): Promise<string[]> {
  const pdf = await buildFacturxPdf({ doc, layoutTemplate: assets.layoutTemplate, fonts: assets.fonts });
  const base = path.join(work, doc.number);
  writeFileSync(`${base}.pdf`, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", `${base}.pdf`, base]);
  const png = PNG.sync.read(readFileSync(`${base}.png`));
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  return found ? [found.data] : [];
}

describe("epcPayload", () => {
  it("writes the EPC069-12 lines: service tag, version 002, UTF-8, SCT, BIC, name, IBAN, amount, remittance", () => {
    const payload = epcPayload({ name: "Lumen Conseil", iban: "FR76 3000 6000 0112 3456 7890 189", bic: "agrifrppxxx", amount: new Decimal("1234.5"), remittance: "F-2026-0045" });
    expect(payload?.split("\n")).toEqual(["BCD", "002", "1", "SCT", "AGRIFRPPXXX", "Lumen Conseil", "FR7630006000011234567890189", "EUR1234.50", "", "", "F-2026-0045"]);
  });

  it("gives no code for nothing to pay", () => {
    expect(epcPayload({ name: "Lumen", iban: "FR7630006000011234567890189", amount: new Decimal("0"), remittance: "F-1" })).toBeUndefined();
  });
});

describe("the EPC QR code on the invoice PDF", () => {
  const samples = sampleDocuments();

  it("decodes from the rendered page into the transfer of the amount due, with the invoice number as reference", async () => {
    const doc = samples["multi-rate-vat"] as InvoiceDocument;
    const codes = await qrCodesOnFirstPage(doc);
    expect(codes).toEqual([["BCD", "002", "1", "SCT", "AGRIFRPPXXX", doc.seller.legalName, "FR7630006000011234567890189", `EUR${doc.totals.amountDue.toFixed(2)}`, "", "", doc.number].join("\n")]);
  });

  it("asks the net amount payable of a final invoice (deposits deducted)", async () => {
    const doc = samples["final-after-two-deposits"] as InvoiceDocument;
    const [code] = await qrCodesOnFirstPage(doc);
    expect(code?.split("\n")[7]).toBe(`EUR${doc.totals.amountDue.toFixed(2)}`);
  });

  it("is absent from a credit note (nothing to pay)", async () => {
    const doc = samples["credit-note-total"] as InvoiceDocument;
    expect(await qrCodesOnFirstPage(doc)).toEqual([]);
  });
});
