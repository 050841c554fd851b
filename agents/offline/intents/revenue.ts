import { defineIntent } from "./intentDefinition.js";

export const revenue = defineIntent({
  name: "revenue",
  agents: ["suivi-paiements"],
  meaning: "revenue invoiced over a period",
  slots: ["period", "client", "amountBasis"],
});
