import { describe, expect, it } from "vitest";
import { findPercentages } from "../../../agents/understanding/percentage.js";

describe("findPercentages", () => {
  it.each([
    ["facturer les 30 %", "30"],
    ["60% d'avancement", "60"],
    ["30 pour cent", "30"],
    ["2,5 %", "2.5"],
    ["12.5%", "12.5"],
    ["100\u00A0%", "100"],
  ])("reads « %s » as %s", (text, expected) => {
    expect(findPercentages(text).map((p) => p.percent)).toEqual([expected]);
  });

  it("finds every percentage in order", () => {
    expect(findPercentages("de 40 % à 35 %").map((p) => p.percent)).toEqual(["40", "35"]);
  });

  it("ignores numbers that are not percentages", () => {
    expect(findPercentages("3 jours et 450 €")).toEqual([]);
  });
});
