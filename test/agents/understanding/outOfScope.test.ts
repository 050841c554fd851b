import { describe, expect, it } from "vitest";
import { outOfScopeReply, scoreOutOfScope } from "../../../agents/understanding/outOfScope.js";

describe("outOfScopeReply", () => {
  it.each([
    ["Valide le choix de passer l'hébergement sur Kubernetes", "direction technique"],
    ["Implémente l'export CSV dans le back-office", "développeurs"],
    ["Lance les tests de recette avant la facturation", "équipe de test"],
    ["Valide le déploiement en production de vendredi", "devops"],
    ["Raconte-moi une blague", "service compétent"],
  ])("answers « %s » politely in French, naming %s", (text, who) => {
    const reply = outOfScopeReply(text);
    expect(reply).toContain(who);
    expect(reply).toMatch(/^Je m'occupe uniquement de la facturation/);
  });

  it("falls back to the generic refusal for text with no known topic", () => {
    expect(outOfScopeReply("zzz")).toContain("ne concerne pas la facturation");
  });
});

describe("scoreOutOfScope", () => {
  it("gives no out-of-scope evidence for a billing request", () => {
    expect(scoreOutOfScope("Prépare la facture d'acompte pour Atlas").score).toBe(0);
  });

  it("tells a deployment from a milestone named « mise en production »", () => {
    expect(scoreOutOfScope("Valide la mise en production de ce soir").reason).toBe("deployment");
    expect(scoreOutOfScope("La mise en production a eu lieu hier, on facture").score).toBe(0);
  });
});
