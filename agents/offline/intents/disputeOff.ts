import { defineIntent } from "./intentDefinition.js";

export const disputeOff = defineIntent({
  name: "dispute_off",
  agents: ["suivi-paiements"],
  meaning: "lift an invoice's dispute: its reminders resume",
  slots: ["invoice", "client"],
});
