import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocate } from "../../../engine/money/allocate.js";
import { Decimal, sum, toAmountString } from "../../../engine/money/money.js";

const d = (s: string | number) => new Decimal(s);

describe("allocate", () => {
  it("splits 10.03 in two halves as 5.02 + 5.01, the extra cent to the first part", () => {
    expect(allocate(d("10.03"), [d(1), d(1)]).map(toAmountString)).toEqual(["5.02", "5.01"]);
  });

  it("splits 100.00 by 30/30/20/20 exactly", () => {
    expect(allocate(d("100"), [d(30), d(30), d(20), d(20)]).map(toAmountString)).toEqual(["30.00", "30.00", "20.00", "20.00"]);
  });

  it("gives the remainder to the largest fractional parts, then the earliest", () => {
    expect(allocate(d("1.00"), [d(1), d(1), d(1)]).map(toAmountString)).toEqual(["0.34", "0.33", "0.33"]);
    expect(allocate(d("-1.00"), [d(1), d(1), d(1)]).map(toAmountString)).toEqual(["-0.34", "-0.33", "-0.33"]);
  });

  it("refuses no ratios, negative ratios and ratios summing to zero", () => {
    expect(() => allocate(d(1), [])).toThrow(RangeError);
    expect(() => allocate(d(1), [d(-1), d(2)])).toThrow(RangeError);
    expect(() => allocate(d(1), [d(0), d(0)])).toThrow(RangeError);
  });

  it("never loses or creates a cent (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }).filter((r) => r.some((x) => x > 0)),
        (cents, ratios) => {
          const total = d(cents).dividedBy(100);
          const parts = allocate(total, ratios.map((r) => d(r)));
          expect(sum(parts).equals(total)).toBe(true);
          for (const p of parts) expect(p.decimalPlaces()).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});
