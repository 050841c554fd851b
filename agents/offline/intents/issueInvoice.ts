import { defineIntent } from "./intentDefinition.js";

export const issueInvoice = defineIntent({
  name: "issue_invoice",
  agents: ["preparation-facture"],
  meaning: "issue (number and finalise) an existing draft invoice",
  slots: ["invoice", "client", "project"],
});
