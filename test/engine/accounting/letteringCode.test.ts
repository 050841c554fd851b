import { describe, expect, it } from "vitest";
import { letteringCode } from "../../../engine/accounting/letteringCode.js";

describe("letteringCode", () => {
  it("counts A … Z, then AA … ZZ, then AAA, in bijective base 26", () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(letteringCode)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("gives a different code to every rank (no two groups share one)", () => {
    const codes = Array.from({ length: 20_000 }, (_, i) => letteringCode(i + 1));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^[A-Z]+$/.test(c))).toBe(true);
  });

  it("refuses a rank that is not a whole number from 1", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => letteringCode(bad)).toThrow(RangeError);
  });
});
