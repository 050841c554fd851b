import type { Catalog } from "../../../agents/understanding/catalog.js";

/** Names as the demo database holds them. */
export const DEMO_CATALOG: Catalog = {
  clients: [
    { id: "c1", name: "Acme Industries" },
    { id: "c2", name: "Boulangerie Martin" },
    { id: "c3", name: "Nexa Conseil" },
    { id: "c4", name: "Kiwi Mobile" },
  ],
  projects: [
    { id: "p1", name: "Refonte du site Acme", parent: "Acme Industries" },
    { id: "p2", name: "Atlas", parent: "Nexa Conseil" },
    { id: "p3", name: "Appli Kiwi", parent: "Kiwi Mobile" },
  ],
  milestones: [
    { id: "m1", name: "Maquettes validées", parent: "Atlas" },
    { id: "m2", name: "Mise en production", parent: "Appli Kiwi" },
    { id: "m3", name: "Livraison recettée", parent: "Atlas" },
  ],
  lots: [{ id: "l1", name: "Gros œuvre" }, { id: "l2", name: "Second œuvre" }],
  beneficiaries: [{ id: "b1", name: "Jean Dupont" }],
};
