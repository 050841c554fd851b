import type { ResourceDefinition } from "./resourceDefinition.js";
// resource imports (one line per resource)
import { billingPlanResource } from "./billingPlanResource.js";
import { invoiceDocumentResource } from "./invoiceDocumentResource.js";

/** Every MCP resource family the server publishes. */
export const RESOURCES: readonly ResourceDefinition[] = [
  // resources (one line per resource)
  invoiceDocumentResource,
  billingPlanResource,
];
