import { defineIntent } from "./intentDefinition.js";

export const receivablesOverview = defineIntent({
  name: "receivables_overview",
  agents: ["suivi-paiements"],
  meaning: "the overall picture of receivables and payments",
  slots: ["period"],
});
