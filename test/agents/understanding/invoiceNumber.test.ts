import { describe, expect, it } from "vitest";
import { findInvoiceNumbers } from "../../../agents/understanding/invoiceNumber.js";

describe("findInvoiceNumbers", () => {
  it.each([
    ["la facture F-2026-0031", "F-2026-0031"],
    ["F-2026-00042 payée ?", "F-2026-00042"],
    ["l'avoir AV-2026-00001", "AV-2026-00001"],
    ["f-2026-0018", "F-2026-0018"],
    ["la F 2026-0007", "F-2026-0007"],
  ])("reads « %s » as %s", (text, expected) => {
    expect(findInvoiceNumbers(text).map((m) => m.number)).toEqual([expected]);
  });

  it("finds none in amounts, dates or years", () => {
    expect(findInvoiceNumbers("16 200 € le 3/11/2026 pour 2026")).toEqual([]);
  });
});
