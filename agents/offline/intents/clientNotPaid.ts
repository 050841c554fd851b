import { defineIntent } from "./intentDefinition.js";

export const clientNotPaid = defineIntent({
  name: "client_not_paid",
  agents: ["suivi-paiements", "email-relance"],
  meaning: "a client has not paid: their payment situation, then a reminder",
  slots: ["client", "project", "invoice", "period"],
});
