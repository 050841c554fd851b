import { defineIntent } from "./intentDefinition.js";

export const monthEndRealized = defineIntent({
  name: "month_end_realized",
  agents: ["preparation-facture"],
  meaning: "the month's realized work to bill (régie, maintenance)",
  slots: ["client", "project", "period"],
});
