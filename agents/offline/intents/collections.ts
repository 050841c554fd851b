import { defineIntent } from "./intentDefinition.js";

export const collections = defineIntent({
  name: "collections",
  agents: ["suivi-paiements"],
  meaning: "money collected over a period",
  slots: ["period", "client"],
});
