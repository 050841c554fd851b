import { z } from "zod";
import { InputError } from "../../engine/errors.js";

/** The current Sonnet: a good balance of quality, latency and cost for routing and tool use. */
export const DEFAULT_CLAUDE_MODEL = "claude-sonnet-5-5";

const PositiveIntegerSchema = z.coerce.number().int().positive();

/** How the Claude runner talks to the API. The key is kept here and handed to the SDK only; it is never logged. */
export interface ClaudeSettings {
  readonly apiKey: string;
  readonly model: string;
  readonly baseURL: string | undefined;
  /** Model calls allowed in one agent turn before it stops with a French message. */
  readonly maxTurns: number;
  readonly maxTokens: number;
  /** Retries on 408/409/429/5xx and connection errors, with the SDK's exponential backoff and `retry-after`. */
  readonly maxRetries: number;
  readonly timeoutMs: number;
}

export const CLAUDE_DEFAULTS = { maxTurns: 8, maxTokens: 4096, maxRetries: 4, timeoutMs: 120_000 } as const;

function integerFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const parsed = PositiveIntegerSchema.safeParse(raw);
  if (!parsed.success) throw new InputError("doit être un entier positif", { field: name });
  return parsed.data;
}

/** Settings from the environment, or undefined when `ANTHROPIC_API_KEY` is not set (the offline runner applies). */
export function claudeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ClaudeSettings | undefined {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return undefined;
  return {
    apiKey,
    model: env.ANTHROPIC_MODEL?.trim() || DEFAULT_CLAUDE_MODEL,
    baseURL: env.ANTHROPIC_BASE_URL?.trim() || undefined,
    maxTurns: integerFromEnv(env, "FACTURATION_MAX_TURNS", CLAUDE_DEFAULTS.maxTurns),
    maxTokens: CLAUDE_DEFAULTS.maxTokens,
    maxRetries: CLAUDE_DEFAULTS.maxRetries,
    timeoutMs: CLAUDE_DEFAULTS.timeoutMs,
  };
}
