/** The whole drizzle schema (one module per concept). */
export * from "./audit.js";
export * from "./bankLines.js";
export * from "./clients.js";
export * from "./events.js";
export * from "./invoices.js";
export * from "./ledger.js";
export * from "./lifecycle.js";
export * from "./numberingSeries.js";
export * from "./outbox.js";
export * from "./payments.js";
export * from "./pendingActions.js";
export * from "./projects.js";
export * from "./reminders.js";
export * from "./seller.js";
export * from "./transmissions.js";
