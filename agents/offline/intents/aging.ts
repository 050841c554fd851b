import { defineIntent } from "./intentDefinition.js";

export const aging = defineIntent({
  name: "aging",
  agents: ["suivi-paiements"],
  meaning: "aged balance of receivables",
  slots: ["client"],
});
