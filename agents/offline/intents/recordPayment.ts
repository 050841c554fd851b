import { defineIntent } from "./intentDefinition.js";

export const recordPayment = defineIntent({
  name: "record_payment",
  agents: ["suivi-paiements"],
  meaning: "record a payment received",
  slots: ["client", "amount", "date", "invoice", "method"],
});
