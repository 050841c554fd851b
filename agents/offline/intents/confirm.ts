import { defineIntent } from "./intentDefinition.js";

export const confirm = defineIntent({
  name: "confirm",
  agents: [],
  meaning: "a bare yes or no to what the assistant proposed (the previous turn's agents handle it)",
  slots: ["answer"],
});
