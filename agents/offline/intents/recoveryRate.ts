import { defineIntent } from "./intentDefinition.js";

export const recoveryRate = defineIntent({
  name: "recovery_rate",
  agents: ["suivi-paiements"],
  meaning: "recovery rate over a period",
  slots: ["period"],
});
