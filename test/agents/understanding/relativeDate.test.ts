import { describe, expect, it } from "vitest";
import { findDates } from "../../../agents/understanding/relativeDate.js";

const TODAY = "2026-11-24"; // a Tuesday

const firstDate = (text: string, today = TODAY) => findDates(text, today)[0]?.date;

describe("findDates", () => {
  it.each([
    ["payé hier", "2026-11-23"],
    ["aujourd'hui", "2026-11-24"],
    ["aujourd’hui", "2026-11-24"],
    ["avant-hier", "2026-11-22"],
    ["ce matin", "2026-11-24"],
    ["demain", "2026-11-25"],
    ["le 3/11", "2026-11-03"],
    ["le 03/11/2026", "2026-11-03"],
    ["le 3/11/26", "2026-11-03"],
    ["le 3 novembre", "2026-11-03"],
    ["le 1er décembre", "2026-12-01"],
    ["le 3 novembre 2025", "2025-11-03"],
    ["fin octobre", "2026-10-31"],
    ["fin février", "2027-02-28"],
    ["début novembre", "2026-11-01"],
    ["mi-décembre", "2026-12-15"],
    ["lundi dernier", "2026-11-23"],
    ["mardi dernier", "2026-11-17"],
    ["lundi prochain", "2026-11-30"],
    ["vendredi", "2026-11-27"],
    ["il y a 3 jours", "2026-11-21"],
    ["il y a deux semaines", "2026-11-10"],
    ["2026-11-03", "2026-11-03"],
  ])("reads « %s » as %s on Tuesday 2026-11-24", (text, expected) => {
    expect(firstDate(text)).toBe(expected);
  });

  it("takes the occurrence closest to today when the year is missing", () => {
    expect(firstDate("le 5 janvier")).toBe("2027-01-05");
    expect(firstDate("fin octobre", "2026-03-10")).toBe("2025-10-31");
    expect(firstDate("le 15/06")).toBe("2026-06-15");
  });

  it("refuses impossible dates", () => {
    expect(findDates("le 31/02", TODAY)).toEqual([]);
    expect(findDates("le 12/13", TODAY)).toEqual([]);
  });

  it("reports spans in the original text", () => {
    const text = "Réglé le 3 novembre par virement";
    const [match] = findDates(text, TODAY);
    expect(text.slice(match?.start, match?.end)).toBe("3 novembre");
  });
});
