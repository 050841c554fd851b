import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findAmounts, parseAmount } from "../../../agents/understanding/amount.js";

describe("parseAmount", () => {
  it.each([
    ["16 200 €", "16200.00"],
    ["16 200,00 €", "16200.00"],
    ["16\u202F200,00\u00A0€", "16200.00"],
    ["1 200,50 euros", "1200.50"],
    ["1.200,50 €", "1200.50"],
    ["1,200.50 €", "1200.50"],
    ["450€", "450.00"],
    ["3 k€", "3000.00"],
    ["2,5 k€", "2500.00"],
    ["16200", "16200.00"],
    ["1200.5", "1200.50"],
    ["0,01 €", "0.01"],
    ["EUR 99", "99.00"],
    ["12 EUR", "12.00"],
  ])("reads %s as %s", (raw, expected) => {
    expect(parseAmount(raw)).toBe(expected);
  });

  it.each(["douze euros", "1,234 5 €", "12,345 €", "€", "", "1 20 €"])("refuses %s", (raw) => {
    expect(parseAmount(raw)).toBeUndefined();
  });

  it("reads back any amount written the French way, to the cent (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 11n }), (cents) => {
        const euros = (cents / 100n).toString();
        const frac = (cents % 100n).toString().padStart(2, "0");
        const grouped = euros.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202F");
        expect(parseAmount(`${grouped},${frac} €`)).toBe(`${euros}.${frac}`);
      }),
    );
  });
});

describe("findAmounts", () => {
  it("finds amounts with a currency, in order, with their spans", () => {
    const text = "Acme a viré 16 200 € ce matin et 1 200,50 euros hier";
    const found = findAmounts(text);
    expect(found.map((a) => a.amount)).toEqual(["16200.00", "1200.50"]);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe("16 200 €");
  });

  it("ignores bare numbers unless asked, and then skips percentages and durations", () => {
    expect(findAmounts("Acme a payé 16200")).toEqual([]);
    expect(findAmounts("Acme a payé 16200", { allowBare: true }).map((a) => a.amount)).toEqual(["16200.00"]);
    expect(findAmounts("30 % et 3 jours", { allowBare: true })).toEqual([]);
  });

  it("reads the amount in k€", () => {
    expect(findAmounts("impayés de plus de 10 k€").map((a) => a.amount)).toEqual(["10000.00"]);
  });
});
