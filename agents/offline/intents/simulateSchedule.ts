import { defineIntent } from "./intentDefinition.js";

export const simulateSchedule = defineIntent({
  name: "simulate_schedule",
  agents: ["preparation-facture"],
  meaning: "simulate a project's billing schedule ahead, writing nothing",
  slots: ["project", "client"],
});
