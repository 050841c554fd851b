import { describe, expect, it } from "vitest";
import { findDayThresholds } from "../../../agents/understanding/dayThreshold.js";

describe("findDayThresholds", () => {
  it.each([
    ["impayés au-delà de 60 jours", 60],
    ["depuis plus de 90 jours", 90],
    ["échues depuis une semaine", 7],
    ["échues depuis 15 jours", 15],
    ["Impayés > 30 jours", 30],
    ["en retard de plus d'un mois", 30],
    ["depuis quinze jours", 15],
  ])("reads « %s » as %i days", (text, days) => {
    expect(findDayThresholds(text).map((t) => t.days)).toEqual([days]);
  });

  it("finds nothing without a duration", () => {
    expect(findDayThresholds("factures en retard")).toEqual([]);
  });
});
