import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatEuros } from "../../../engine/money/formatEuros.js";
import { Decimal } from "../../../engine/money/money.js";

const NNBSP = "\u202f";

describe("formatEuros", () => {
  it("groups thousands with narrow no-break spaces and writes cents after a comma", () => {
    expect(formatEuros(new Decimal("0"))).toBe("0,00\u00a0€");
    expect(formatEuros(new Decimal("999.9"))).toBe("999,90\u00a0€");
    expect(formatEuros(new Decimal("1000"))).toBe(`1${NNBSP}000,00\u00a0€`);
    expect(formatEuros(new Decimal("100000"))).toBe(`100${NNBSP}000,00\u00a0€`);
    expect(formatEuros(new Decimal("1234567.891"))).toBe(`1${NNBSP}234${NNBSP}567,89\u00a0€`);
    expect(formatEuros(new Decimal("-233799507.745"))).toBe(`-233${NNBSP}799${NNBSP}507,75\u00a0€`);
    expect(formatEuros(new Decimal("-0.004"))).toBe("0,00\u00a0€");
    expect(formatEuros(new Decimal("12345"), false)).toBe(`12${NNBSP}345,00`);
  });

  it("keeps every digit of the amount rounded to the cent, in groups of three after the first", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
        const amount = new Decimal(cents.toString()).dividedBy(100);
        const text = formatEuros(amount, false);
        const [integer = "", fraction] = text.replace(/^-/, "").split(",");
        expect(`${text.startsWith("-") ? "-" : ""}${integer.split(NNBSP).join("")}.${fraction}`).toBe(amount.toFixed(2));
        const groups = integer.split(NNBSP);
        expect(groups[0]).toMatch(/^\d{1,3}$/);
        for (const group of groups.slice(1)) expect(group).toMatch(/^\d{3}$/);
        if (groups.length > 1) expect(groups[0]).not.toMatch(/^0/);
      }),
    );
  });
});
