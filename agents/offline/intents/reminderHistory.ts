import { defineIntent } from "./intentDefinition.js";

export const reminderHistory = defineIntent({
  name: "reminder_history",
  agents: ["email-relance"],
  meaning: "reminders already sent",
  slots: ["client", "project", "invoice", "period"],
});
