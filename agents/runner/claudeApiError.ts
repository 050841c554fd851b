import Anthropic from "@anthropic-ai/sdk";
import { SystemError } from "../../engine/errors.js";

/**
 * Turns an Anthropic SDK error into a French SystemError (after the SDK's retries are spent).
 * Messages never carry request headers, hence never the API key. Other errors pass through.
 */
export function fromClaudeApiError(error: unknown): unknown {
  if (error instanceof Anthropic.APIUserAbortError) return error;
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new SystemError("l'API Claude n'a pas répondu à temps ; réessayez dans un instant", { code: "claude_timeout", cause: error });
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new SystemError("l'API Claude est injoignable (réseau) ; vérifiez la connexion ou travaillez hors ligne sans ANTHROPIC_API_KEY", { code: "claude_unreachable", cause: error });
  }
  if (error instanceof Anthropic.AuthenticationError || error instanceof Anthropic.PermissionDeniedError) {
    return new SystemError(`la clé ANTHROPIC_API_KEY est refusée par l'API Claude (${error.status})`, { code: "claude_auth", cause: error });
  }
  if (error instanceof Anthropic.RateLimitError) {
    return new SystemError("l'API Claude est saturée (429) malgré plusieurs nouvelles tentatives ; réessayez dans un instant", { code: "claude_rate_limited", cause: error });
  }
  if (error instanceof Anthropic.InternalServerError) {
    return new SystemError(`l'API Claude est indisponible (${error.status}) malgré plusieurs nouvelles tentatives`, { code: "claude_unavailable", cause: error });
  }
  if (error instanceof Anthropic.APIError) {
    return new SystemError(`l'API Claude a refusé la requête (${error.status ?? "?"}) : ${error.message}`, { code: "claude_request", cause: error });
  }
  return error;
}
