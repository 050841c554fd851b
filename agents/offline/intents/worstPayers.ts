import { defineIntent } from "./intentDefinition.js";

export const worstPayers = defineIntent({
  name: "worst_payers",
  agents: ["suivi-paiements"],
  meaning: "the clients who pay worst: most overdue, latest",
  slots: ["period"],
});
