import { describe, expect, it } from "vitest";
import { foldSameLength, foldText, normalizeText, tokenize } from "../../../agents/understanding/normalizeText.js";

describe("foldText", () => {
  it("removes accents, lowers case and unifies apostrophes and spaces", () => {
    expect(foldText("L’Échéance DÉPASSÉE\u00A0: œuvre")).toBe("l'echeance depassee : oeuvre");
  });
});

describe("normalizeText", () => {
  it("splits elisions and hyphenated words", () => {
    expect(normalizeText("Le client n'a pas payé l’acompte, reste-t-il à facturer ?")).toBe("le client n a pas paye l acompte reste t il a facturer");
  });

  it("keeps fixed words whole", () => {
    expect(normalizeText("Aujourd'hui, envoie l'e-mail")).toBe("aujourdhui envoie l email");
  });

  it("keeps clause marks as tokens on request", () => {
    expect(normalizeText("Jalon atteint, on facture.", { keepClauseMarks: true })).toBe("jalon atteint , on facture .");
  });
});

describe("tokenize", () => {
  it("returns the canonical words", () => {
    expect(tokenize("Où en sont les paiements d'Acme ?")).toEqual(["ou", "en", "sont", "les", "paiements", "d", "acme"]);
  });
});

describe("foldSameLength", () => {
  it("keeps every character at its index", () => {
    const text = "Échéance œuvre’s « 16 200 € »";
    const folded = foldSameLength(text);
    expect(folded.length).toBe(text.length);
    expect(folded.startsWith("echeance")).toBe(true);
  });
});
