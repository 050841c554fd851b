import { describe, expect, it } from "vitest";
import { MATCH_THRESHOLD, matchEntity, nameScore, wordSimilarity } from "../../../agents/understanding/entityMatch.js";
import { DEMO_CATALOG } from "./demoCatalog.js";

const clients = DEMO_CATALOG.clients ?? [];
const projects = DEMO_CATALOG.projects ?? [];
const milestones = DEMO_CATALOG.milestones ?? [];
const lots = DEMO_CATALOG.lots ?? [];

const matchedName = (text: string, entries: typeof clients) => {
  const ref = matchEntity(text, entries);
  return ref?.status === "matched" ? ref.name : ref?.status;
};

describe("matchEntity", () => {
  it.each([
    ["Relance ACME", "Acme Industries"],
    ["la boulangerie a payé", "Boulangerie Martin"],
    ["nexa conseil", "Nexa Conseil"],
    ["kiwy mobile", "Kiwi Mobile"],
    ["acme industrie", "Acme Industries"],
    ["Boulangeire Martin", "Boulangerie Martin"],
  ])("finds the client in « %s » despite case, accents and typos", (text, name) => {
    expect(matchedName(text, clients)).toBe(name);
  });

  it.each([
    ["le projet atlsa", "Atlas"],
    ["l'appli kiwi", "Appli Kiwi"],
    ["la refonte du site d'Acme", "Refonte du site Acme"],
  ])("finds the project in « %s »", (text, name) => {
    expect(matchedName(text, projects)).toBe(name);
  });

  it("finds milestones and lots written loosely", () => {
    expect(matchedName("les maquettes sont validees", milestones)).toBe("Maquettes validées");
    expect(matchedName("la mise en prod de l'appli", milestones)).toBe("Mise en production");
    expect(matchedName("lot gros oeuvre", lots)).toBe("Gros œuvre");
  });

  it("returns the id and a score at or above the threshold", () => {
    const ref = matchEntity("Kiwi", clients);
    expect(ref).toMatchObject({ status: "matched", id: "c4", name: "Kiwi Mobile" });
    expect(ref?.status === "matched" && ref.score >= MATCH_THRESHOLD).toBe(true);
  });

  it("does not match on a generic word alone", () => {
    expect(matchEntity("2 jours de conseil", clients)).toBeUndefined();
    expect(matchEntity("une appli mobile", clients)).toBeUndefined();
  });

  it("returns candidates instead of guessing when the text fits several names", () => {
    const ref = matchEntity("Relance Martin", [{ name: "Boulangerie Martin" }, { name: "Martin Conseil" }]);
    expect(ref?.status).toBe("ambiguous");
    expect(ref?.status === "ambiguous" && ref.candidates.map((c) => c.name).sort()).toEqual(["Boulangerie Martin", "Martin Conseil"]);
  });

  it("returns undefined when nothing is mentioned", () => {
    expect(matchEntity("Quel est l'état des paiements ?", clients)).toBeUndefined();
  });
});

describe("nameScore", () => {
  it("is 1 for the name written out in full and lower for a part of it", () => {
    expect(nameScore("Refonte du site Acme", "Refonte du site Acme")).toBe(1);
    expect(nameScore("Acme", "Refonte du site Acme")).toBeLessThan(1);
  });
});

describe("wordSimilarity", () => {
  it("forgives one typo or transposition in a word of four letters or more, two from nine", () => {
    expect(wordSimilarity("atlas", "atlsa")).toBeGreaterThan(0);
    expect(wordSimilarity("boulangerie", "boulangreie")).toBeGreaterThan(0);
    expect(wordSimilarity("acme", "acne")).toBeGreaterThan(0);
    expect(wordSimilarity("nexa", "next")).toBe(0.75);
    expect(wordSimilarity("abc", "abd")).toBe(0);
  });

  it("accepts a four-letter abbreviation", () => {
    expect(wordSimilarity("production", "prod")).toBe(0.9);
  });
});
