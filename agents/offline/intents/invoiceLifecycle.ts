import { defineIntent } from "./intentDefinition.js";

export const invoiceLifecycle = defineIntent({
  name: "invoice_lifecycle",
  agents: ["suivi-paiements"],
  meaning: "where an invoice is in its e-invoicing lifecycle (deposited, received, accepted, refused, collected)",
  slots: ["invoice", "client"],
});
