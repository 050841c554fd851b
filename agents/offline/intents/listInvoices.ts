import { defineIntent } from "./intentDefinition.js";

export const listInvoices = defineIntent({
  name: "list_invoices",
  agents: ["suivi-paiements"],
  meaning: "invoices filtered by state, client, project, kind, issue period or lateness",
  slots: ["status", "client", "project", "kind", "period", "overdueDays", "amountOver"],
});
