import type { ResourceDefinition } from "./resourceDefinition.js";
// resource imports (one line per resource)
import { billingPlanResource } from "./billingPlanResource.js";
import { invoiceDocumentResource } from "./invoiceDocumentResource.js";
import { invoicePdfResource } from "./invoicePdfResource.js";
import { APP_VIEW_RESOURCES } from "../apps/appViews.js";

/**
 * Every MCP resource family the server publishes. A URI is read by the first template that
 * matches it: `facturation://factures/{numero}.pdf` comes before `facturation://factures/{numero}`.
 */
export const RESOURCES: readonly ResourceDefinition[] = [
  // resources (one line per resource)
  invoicePdfResource,
  invoiceDocumentResource,
  billingPlanResource,
  // the MCP Apps views (ui://facturation/…)
  ...APP_VIEW_RESOURCES,
];
