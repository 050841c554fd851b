import { defineIntent } from "./intentDefinition.js";

export const prepareInvoice = defineIntent({
  name: "prepare_invoice",
  agents: ["preparation-facture"],
  meaning: "prepare (draft and propose) an invoice: a milestone, a deposit, a balance, a month of régie, a progress statement",
  slots: ["client", "project", "milestone", "lot", "kind", "percent", "amount", "amountBasis", "period"],
});
