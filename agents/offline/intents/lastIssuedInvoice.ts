import { defineIntent } from "./intentDefinition.js";

export const lastIssuedInvoice = defineIntent({
  name: "last_issued_invoice",
  agents: ["preparation-facture"],
  meaning: "show the invoice issued most recently (« the invoice we just issued »)",
  slots: ["client"],
});
