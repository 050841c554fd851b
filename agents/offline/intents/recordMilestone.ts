import { defineIntent } from "./intentDefinition.js";

export const recordMilestone = defineIntent({
  name: "record_milestone",
  agents: ["preparation-facture"],
  meaning: "record a project fact without asking to bill: a milestone reached, a quote signed",
  slots: ["project", "client", "milestone", "date"],
});
