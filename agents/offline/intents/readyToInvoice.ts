import { defineIntent } from "./intentDefinition.js";

export const readyToInvoice = defineIntent({
  name: "ready_to_invoice",
  agents: ["preparation-facture"],
  meaning: "what can be billed now, company-wide unless a client or project is named",
  slots: ["client", "project"],
});
