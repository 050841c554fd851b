import type Anthropic from "@anthropic-ai/sdk";

/** Tokens spent by one agent turn, summed over every model call of its tool loop. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheCreationInputTokens: number;
  readonly cacheReadInputTokens: number;
  /** Number of model calls made. */
  readonly requests: number;
}

export const EMPTY_USAGE: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationInputTokens: 0,
  cacheReadInputTokens: 0,
  requests: 0,
};

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
    requests: a.requests + b.requests,
  };
}

/** The `--verbose` line, in French. */
export function formatUsage(usage: TokenUsage): string {
  return (
    `jetons : ${usage.inputTokens} en entrée, ${usage.outputTokens} en sortie, ` +
    `cache : ${usage.cacheCreationInputTokens} écrits, ${usage.cacheReadInputTokens} lus ` +
    `(${usage.requests} appel${usage.requests > 1 ? "s" : ""} au modèle)`
  );
}

/** The usage of one Messages API response. */
export function fromClaudeUsage(usage: Anthropic.Messages.Usage): TokenUsage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheCreationInputTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: usage.cache_read_input_tokens ?? 0,
    requests: 1,
  };
}
