import { defineIntent } from "./intentDefinition.js";

export const remindersDue = defineIntent({
  name: "reminders_due",
  agents: ["email-relance"],
  meaning: "which reminders are due today",
  slots: ["client"],
});
