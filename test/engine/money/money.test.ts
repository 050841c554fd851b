import { describe, expect, it } from "vitest";
import { Decimal, roundCents, toAmountString, toDecimal } from "../../../engine/money/money.js";
import { formatEuros } from "../../../engine/money/formatEuros.js";

describe("roundCents", () => {
  it("rounds half away from zero", () => {
    expect(toAmountString(roundCents(new Decimal("2.675")))).toBe("2.68");
    expect(toAmountString(roundCents(new Decimal("-2.675")))).toBe("-2.68");
    expect(toAmountString(roundCents(new Decimal("0.005")))).toBe("0.01");
    expect(toAmountString(roundCents(new Decimal("0.0049")))).toBe("0.00");
  });
});

describe("toAmountString", () => {
  it("writes two decimals and never an exponent or a negative zero", () => {
    expect(toAmountString(new Decimal("1e21"))).toBe("1000000000000000000000.00");
    expect(toAmountString(new Decimal("-0.001"))).toBe("0.00");
    expect(toAmountString(new Decimal("375"))).toBe("375.00");
  });
});

describe("toDecimal", () => {
  it("accepts plain decimal strings and refuses anything else", () => {
    expect(toDecimal("1234.5").equals(new Decimal("1234.5"))).toBe(true);
    expect(() => toDecimal("1e3")).toThrow();
    expect(() => toDecimal("12,5")).toThrow();
  });
});

describe("formatEuros", () => {
  it("writes French amounts with grouped thousands and a comma", () => {
    expect(formatEuros(new Decimal("16200"))).toBe("16\u202f200,00\u00a0€");
    expect(formatEuros(new Decimal("-6000.5"))).toBe("-6\u202f000,50\u00a0€");
  });
});
