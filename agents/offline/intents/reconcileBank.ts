import { defineIntent } from "./intentDefinition.js";

export const reconcileBank = defineIntent({
  name: "reconcile_bank",
  agents: ["suivi-paiements"],
  meaning: "match a bank statement with the open invoices",
  slots: ["period"],
});
