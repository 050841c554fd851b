import { defineIntent } from "./intentDefinition.js";

export const recordTime = defineIntent({
  name: "record_time",
  agents: ["preparation-facture"],
  meaning: "record time worked on a time-and-materials project",
  slots: ["client", "project", "quantity", "unit", "activity", "date"],
});
