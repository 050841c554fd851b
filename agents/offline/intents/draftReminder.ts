import { defineIntent } from "./intentDefinition.js";

export const draftReminder = defineIntent({
  name: "draft_reminder",
  agents: ["email-relance"],
  meaning: "write a reminder for a client or an invoice, or for every late invoice",
  slots: ["client", "project", "invoice", "level", "overdueDays", "bulk"],
});
