import { defineIntent } from "./intentDefinition.js";

export const abandonment = defineIntent({
  name: "abandonment",
  agents: ["preparation-facture"],
  meaning: "a beneficiary dropped out: bill the abandonment clause",
  slots: ["beneficiary", "project", "date"],
});
