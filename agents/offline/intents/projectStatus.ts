import { defineIntent } from "./intentDefinition.js";

export const projectStatus = defineIntent({
  name: "project_status",
  agents: ["preparation-facture"],
  meaning: "where a project stands in billing: billed, left to bill, next milestone",
  slots: ["project", "client"],
});
