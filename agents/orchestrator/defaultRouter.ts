import { ClaudeRouter } from "../runner/claudeRouter.js";
import { claudeSettingsFromEnv } from "../runner/claudeSettings.js";
import { offlineRouter } from "../understanding/offlineRouter.js";
import type { Router } from "../understanding/router.js";

/** Claude routes when ANTHROPIC_API_KEY is set; the offline lexical router otherwise. */
export function defaultRouter(env: NodeJS.ProcessEnv = process.env): Router {
  const settings = claudeSettingsFromEnv(env);
  return settings ? ClaudeRouter.fromSettings(settings) : offlineRouter;
}
