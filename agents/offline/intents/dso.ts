import { defineIntent } from "./intentDefinition.js";

export const dso = defineIntent({
  name: "dso",
  agents: ["suivi-paiements"],
  meaning: "days sales outstanding (DSO)",
  slots: ["client", "period"],
});
