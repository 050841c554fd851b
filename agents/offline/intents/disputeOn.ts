import { defineIntent } from "./intentDefinition.js";

export const disputeOn = defineIntent({
  name: "dispute_on",
  agents: ["suivi-paiements"],
  meaning: "put an invoice in dispute: its reminders stop",
  slots: ["invoice", "client"],
});
