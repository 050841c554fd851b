import { describe, expect, it } from "vitest";
import { findQuantities } from "../../../agents/understanding/quantity.js";

describe("findQuantities", () => {
  it.each([
    ["3 jours de développement", "3", "day"],
    ["2,5 h de support", "2.5", "hour"],
    ["12 heures", "12", "hour"],
    ["5 j de dev", "5", "day"],
    ["7h", "7", "hour"],
    ["1 demi-journée", "0.5", "day"],
    ["3 demi-journées", "1.5", "day"],
  ])("reads « %s » as %s %s", (text, quantity, unit) => {
    expect(findQuantities(text).map((q) => ({ quantity: q.quantity, unit: q.unit }))).toEqual([{ quantity, unit }]);
  });

  it("does not take durations for time worked", () => {
    for (const text of ["échues depuis 15 jours", "dans 5 jours", "plus de 90 jours", "au-delà de 60 jours", "il y a 3 jours"]) {
      expect(findQuantities(text)).toEqual([]);
    }
  });
});
