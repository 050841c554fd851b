import { defineIntent } from "./intentDefinition.js";

export const clientBalance = defineIntent({
  name: "client_balance",
  agents: ["suivi-paiements"],
  meaning: "what one client owes: their open invoices and total outstanding",
  slots: ["client", "project"],
});
