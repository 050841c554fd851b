import { defineIntent } from "./intentDefinition.js";

export const recordProgress = defineIntent({
  name: "record_progress",
  agents: ["preparation-facture"],
  meaning: "record a lot's cumulative progress on a works project",
  slots: ["project", "client", "lot", "percent", "amount", "date"],
});
