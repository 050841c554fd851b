import type { ConversationContext } from "./conversationContext.js";
import { routeRequest } from "./routeRequest.js";
import type { Router } from "./router.js";

/** The deterministic offline router: no network, no model; the same answer for the same text. */
export function createOfflineRouter(context?: () => ConversationContext | undefined): Router {
  return {
    route: async (text) => routeRequest(text, context?.()),
  };
}

export const offlineRouter: Router = createOfflineRouter();
