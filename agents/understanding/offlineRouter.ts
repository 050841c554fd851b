import { routeRequest } from "./routeRequest.js";
import type { Router } from "./router.js";

/**
 * The deterministic offline router: no network, no model, the same answer for the same input.
 * A bare follow-up ("et pour Atlas ?") goes where the previous request went.
 */
export const offlineRouter: Router = {
  route: async (text, context) => routeRequest(text, context?.previousAgents ? { agents: context.previousAgents } : undefined),
};
