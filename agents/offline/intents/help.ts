import { defineIntent } from "./intentDefinition.js";

export const help = defineIntent({
  name: "help",
  agents: [],
  meaning: "a greeting or a question about what the assistant can do",
  slots: [],
});
