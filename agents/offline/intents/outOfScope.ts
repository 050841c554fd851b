import { defineIntent } from "./intentDefinition.js";

export const outOfScope = defineIntent({
  name: "out_of_scope",
  agents: [],
  meaning: "anything that is not billing, payments or reminders",
  slots: ["reason"],
});
