import { defineIntent } from "./intentDefinition.js";

export const dueSoon = defineIntent({
  name: "due_soon",
  agents: ["suivi-paiements"],
  meaning: "invoices falling due in a coming period",
  slots: ["client", "period"],
});
