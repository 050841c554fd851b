import { defineIntent } from "./intentDefinition.js";

export const issueCreditNote = defineIntent({
  name: "issue_credit_note",
  agents: ["preparation-facture"],
  meaning: "issue a credit note on an invoice, total or partial",
  slots: ["invoice", "client", "amount", "amountBasis"],
});
