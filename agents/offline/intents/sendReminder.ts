import { defineIntent } from "./intentDefinition.js";

export const sendReminder = defineIntent({
  name: "send_reminder",
  agents: ["email-relance"],
  meaning: "send a prepared reminder",
  slots: ["client", "invoice"],
});
