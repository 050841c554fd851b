import { describe, expect, it } from "vitest";
import { findPeriods } from "../../../agents/understanding/period.js";

const TODAY = "2026-11-24"; // Tuesday, fourth quarter

const firstPeriod = (text: string, today = TODAY) => findPeriods(text, today)[0]?.period;

describe("findPeriods", () => {
  it.each([
    ["la régie d'octobre", "2026-10-01", "2026-10-31"],
    ["de novembre", "2026-11-01", "2026-11-30"],
    ["ce mois-ci", "2026-11-01", "2026-11-30"],
    ["du mois", "2026-11-01", "2026-11-30"],
    ["le mois dernier", "2026-10-01", "2026-10-31"],
    ["le mois prochain", "2026-12-01", "2026-12-31"],
    ["du trimestre", "2026-10-01", "2026-12-31"],
    ["le trimestre dernier", "2026-07-01", "2026-09-30"],
    ["le trimestre prochain", "2027-01-01", "2027-03-31"],
    ["T1 2026", "2026-01-01", "2026-03-31"],
    ["cette semaine", "2026-11-23", "2026-11-29"],
    ["la semaine dernière", "2026-11-16", "2026-11-22"],
    ["la semaine prochaine", "2026-11-30", "2026-12-06"],
    ["cette année", "2026-01-01", "2026-12-31"],
    ["d'ici la fin du mois", "2026-11-24", "2026-11-30"],
    ["dans 5 jours", "2026-11-24", "2026-11-29"],
    ["octobre 2025", "2025-10-01", "2025-10-31"],
    ["de janvier", "2027-01-01", "2027-01-31"],
    ["de juin", "2026-06-01", "2026-06-30"],
  ])("reads « %s » as %s … %s", (text, from, to) => {
    expect(firstPeriod(text)).toEqual({ from, to });
  });

  it("takes a month closest to today, a tie going to the past", () => {
    expect(firstPeriod("de mai", "2026-11-24")).toEqual({ from: "2026-05-01", to: "2026-05-31" });
    expect(firstPeriod("de juillet", "2026-01-15")).toEqual({ from: "2025-07-01", to: "2025-07-31" });
  });

  it("finds nothing in a text without a period", () => {
    expect(findPeriods("Relance Acme", TODAY)).toEqual([]);
  });
});
