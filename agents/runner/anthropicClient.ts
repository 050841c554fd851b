import Anthropic from "@anthropic-ai/sdk";
import type { ClaudeSettings } from "./claudeSettings.js";

/**
 * The one place an Anthropic client is built. Retries (429, 5xx, connection errors, with
 * exponential backoff honouring `retry-after` / `retry-after-ms`) are the SDK's own.
 */
export function createAnthropicClient(settings: ClaudeSettings): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    ...(settings.baseURL === undefined ? {} : { baseURL: settings.baseURL }),
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
  });
}
