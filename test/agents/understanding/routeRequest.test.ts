import { describe, expect, it } from "vitest";
import { offlineRouter } from "../../../agents/understanding/offlineRouter.js";
import { analyseRequest, routeRequest } from "../../../agents/understanding/routeRequest.js";
import { readRequests, type LabelledRequest } from "./routingFixtures.js";

function accuracy(requests: readonly LabelledRequest[]): { share: number; misses: string[] } {
  const misses = requests
    .map((r) => ({ r, got: routeRequest(r.text).agents }))
    .filter(({ r, got }) => JSON.stringify(got) !== JSON.stringify(r.agents))
    .map(({ r, got }) => `${r.text} → attendu ${JSON.stringify(r.agents)}, obtenu ${JSON.stringify(got)}`);
  return { share: (requests.length - misses.length) / requests.length, misses };
}

describe("routeRequest", () => {
  it("routes every development request exactly", () => {
    const { misses } = accuracy(readRequests("dev"));
    expect(misses).toEqual([]);
  });

  it("routes at least 95 % of the held-out requests exactly (labelled before tuning)", () => {
    const requests = readRequests("heldout");
    expect(requests.length).toBeGreaterThanOrEqual(120);
    const { share, misses } = accuracy(requests);
    if (misses.length > 0) console.log(`held-out misses (${misses.length}/${requests.length}):\n${misses.join("\n")}`);
    expect(share).toBeGreaterThanOrEqual(0.95);
  });

  it("routes at least 95 % of the second, blind held-out set exactly", () => {
    const requests = readRequests("blind");
    const { share, misses } = accuracy(requests);
    if (misses.length > 0) console.log(`blind misses (${misses.length}/${requests.length}):\n${misses.join("\n")}`);
    expect(share).toBeGreaterThanOrEqual(0.95);
  });

  it("chains the payments follow-up and the reminder when a client has not paid", () => {
    expect(routeRequest("Kiwi ne nous a jamais réglé la facture d'août").agents).toEqual(["suivi-paiements", "email-relance"]);
    expect(routeRequest("Le client ne paie pas").agents).toEqual(["suivi-paiements", "email-relance"]);
  });

  it("adds one agent per clause of a request with two intents, in pipeline order", () => {
    expect(routeRequest("Relance Acme puis prépare la facture de régie de Nexa").agents).toEqual(["preparation-facture", "email-relance"]);
    expect(routeRequest("Enregistre le chèque de 450 € de Kiwi et montre la balance âgée").agents).toEqual(["suivi-paiements"]);
  });

  it("sends a request to stop an invoice's reminders to the payments follow-up alone, never to the reminder writer", () => {
    for (const text of [
      "Le client conteste la facture F-2026-0031, suspends les relances",
      "Suspends les relances pour Kiwi Mobile, ils contestent la facture",
      "Arrête de relancer Atlas, ils contestent",
      "Ne relancez plus Nexa pour la facture F-2026-0018",
      "Plus de relance pour Kiwi, la facture est en litige",
    ]) {
      expect(routeRequest(text).agents, text).toEqual(["suivi-paiements"]);
    }
    expect(routeRequest("Relance Nexa").agents).toEqual(["email-relance"]);
    expect(routeRequest("Quand a-t-on relancé Nexa ?").agents).toEqual(["email-relance"]);
    // A stop word that does not govern the reminder is an ordinary reminder request.
    for (const text of [
      "Arrête d'attendre et relance Nexa",
      "Stop, relance la facture F-2026-0018",
      "Le chantier est suspendu, relance Nexa",
      "Cessez de tergiverser, relancez Nexa",
      "Pourquoi ne pas relancer plus tôt ?",
      "Nexa n'a plus de relance en attente ?",
    ]) {
      expect(routeRequest(text).agents, text).toEqual(["email-relance"]);
    }
  });

  it("returns an empty list for out-of-scope and empty requests", () => {
    expect(routeRequest("Déploie la branche main sur le cluster").agents).toEqual([]);
    expect(routeRequest("").agents).toEqual([]);
    expect(routeRequest("asdfgh qwerty").agents).toEqual([]);
  });

  it("tolerates missing accents, capitals and typos", () => {
    expect(routeRequest("OU EN SONT LES PAIMENTS ?").agents).toEqual(["suivi-paiements"]);
    expect(routeRequest("relanse nexa").agents).toEqual(["email-relance"]);
    expect(routeRequest("prepare la factur du jalon").agents).toEqual(["preparation-facture"]);
  });

  it("keeps the conversation's agents for a bare follow-up, and only then", () => {
    const context = { agents: ["suivi-paiements" as const], intent: "payment_status" as const };
    expect(routeRequest("et pour Atlas ?", context).agents).toEqual(["suivi-paiements"]);
    expect(routeRequest("et pour Atlas ?").agents).toEqual([]);
    expect(routeRequest("Relance Atlas", context).agents).toEqual(["email-relance"]);
  });
});

describe("analyseRequest", () => {
  it("names the strongest intent and the reason of a refusal", () => {
    expect(analyseRequest("Quel est le DSO du trimestre ?").intent).toBe("dso");
    const refused = analyseRequest("Faut-il migrer l'hébergement sur AWS ?");
    expect(refused.agents).toEqual([]);
    expect(refused.outOfScope).toBe("technical_choice");
  });

  it("is deterministic: the same text gives the same decision", () => {
    const text = "Nexa n'a pas réglé sa facture, relance-les";
    expect(analyseRequest(text)).toEqual(analyseRequest(text));
  });
});

describe("offlineRouter", () => {
  it("answers like routeRequest, and follows the previous agents for a bare follow-up", async () => {
    expect(await offlineRouter.route("Le client n'a pas payé")).toEqual({ agents: ["suivi-paiements", "email-relance"] });
    expect(await offlineRouter.route("Et pour Atlas ?", { previousRequest: "Relance Acme", previousAgents: ["email-relance"] })).toEqual({ agents: ["email-relance"] });
    expect(await offlineRouter.route("Et pour Atlas ?")).toEqual({ agents: [] });
  });
});
