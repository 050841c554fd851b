import { defineIntent } from "./intentDefinition.js";

export const sendInvoice = defineIntent({
  name: "send_invoice",
  agents: ["preparation-facture"],
  meaning: "send an issued invoice to the client",
  slots: ["invoice", "client"],
});
