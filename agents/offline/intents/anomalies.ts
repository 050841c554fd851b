import { defineIntent } from "./intentDefinition.js";

export const anomalies = defineIntent({
  name: "anomalies",
  agents: ["suivi-paiements"],
  meaning: "check receivables for anomalies (duplicate or excess payments, amounts that do not balance)",
  slots: ["client", "period"],
});
