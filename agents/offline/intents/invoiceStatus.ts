import { defineIntent } from "./intentDefinition.js";

export const invoiceStatus = defineIntent({
  name: "invoice_status",
  agents: ["suivi-paiements"],
  meaning: "the payment status and detail of one invoice",
  slots: ["invoice"],
});
