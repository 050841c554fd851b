import { describe, expect, it } from "vitest";
import { canonicalName, isAmbiguous, nameScore, normalizeName, rankByName } from "../../../tools/preparation/nameMatch.js";

describe("normalizeName", () => {
  it("drops accents, case, ligatures and punctuation", () => {
    expect(normalizeName("  Hôpital Saint-Éloi — Gros Œuvre ")).toBe("hopital saint eloi gros oeuvre");
  });
});

describe("nameScore", () => {
  it("gives 1 to the same name, high scores to typos and partial words, low scores to other names", () => {
    expect(nameScore("ACME industrie", "Acme Industrie")).toBe(1);
    expect(nameScore("acme industri", "Acme Industrie")).toBeGreaterThan(0.85);
    expect(nameScore("refon", "Refonte du site")).toBeGreaterThan(0.8);
    expect(nameScore("Zyxwvut", "Acme Industrie")).toBeLessThan(0.6);
  });
});

describe("rankByName", () => {
  it("ranks best first, drops weak candidates and keeps the matched name", () => {
    const ranked = rankByName("durand", ["Durand SA", "Dupont", "Durant Conseil"], (n) => [n]);
    expect(ranked.map((r) => r.item)).toEqual(["Durand SA", "Durant Conseil"]);
    expect(ranked[0]?.matched).toBe("Durand SA");
  });
});

describe("isAmbiguous", () => {
  it("is true when the two best candidates are close, false when one clearly wins", () => {
    expect(isAmbiguous(rankByName("acme", ["Acme Industrie", "Acme Services"], (n) => [n]))).toBe(true);
    expect(isAmbiguous(rankByName("acme industrie", ["Acme Industrie", "Acme Services"], (n) => [n]))).toBe(false);
  });
});

describe("canonicalName", () => {
  it("returns the stored spelling of a loosely written name, and nothing for an unknown one", () => {
    expect(canonicalName("LIVRE", ["livré", "recette validée"])).toBe("livré");
    expect(canonicalName("recette valide", ["livré", "recette validée"])).toBe("recette validée");
    expect(canonicalName("abandon", ["livré", "recette validée"])).toBeUndefined();
  });
});
