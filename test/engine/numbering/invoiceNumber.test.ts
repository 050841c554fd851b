import { describe, expect, it } from "vitest";
import { InputError, RuleError } from "../../../engine/errors.js";
import { formatInvoiceNumber, numberingPeriod, validateNumberFormat } from "../../../engine/numbering/invoiceNumber.js";

describe("formatInvoiceNumber", () => {
  it("fills year, month and the zero-padded counter", () => {
    expect(formatInvoiceNumber("F-{YYYY}-{NNNNN}", "2026-03-10", 42)).toBe("F-2026-00042");
    expect(formatInvoiceNumber("FAC/{YY}{MM}/{NNN}", "2026-03-10", 7)).toBe("FAC/2603/007");
  });

  it("refuses a number longer than 35 characters", () => {
    expect(() => formatInvoiceNumber("ABCDEFGHIJKLMNOPQRSTUVWXYZ-{YYYY}-{NNNNN}", "2026-03-10", 1)).toThrow(RuleError);
  });
});

describe("numberingPeriod", () => {
  it("is the year for a yearly format, year-month with {MM}, empty without date tokens", () => {
    expect(numberingPeriod("F-{YYYY}-{NNNNN}", "2026-03-10")).toBe("2026");
    expect(numberingPeriod("F{YY}{MM}-{NNN}", "2026-03-10")).toBe("2026-03");
    expect(numberingPeriod("F-{NNNNNN}", "2026-03-10")).toBe("");
  });
});

describe("validateNumberFormat", () => {
  it("accepts allowed characters and refuses others, a missing counter or too long a result", () => {
    expect(validateNumberFormat("F+{YYYY}_{NNNNN}/A")).toBe("F+{YYYY}_{NNNNN}/A");
    expect(() => validateNumberFormat("F {YYYY}-{NNNNN}")).toThrow(InputError);
    expect(() => validateNumberFormat("F-{YYYY}")).toThrow(InputError);
    expect(() => validateNumberFormat("FACTURE-CLIENT-PARTICULIER-{YYYY}-{NNNNN}")).toThrow(InputError);
  });
});
