import { describe, expect, it } from "vitest";
import { EMPTY_USAGE, addUsage, formatUsage } from "../../../agents/runner/tokenUsage.js";

const usage = { inputTokens: 120, outputTokens: 15, cacheCreationInputTokens: 1200, cacheReadInputTokens: 800, requests: 2 };

describe("addUsage", () => {
  it("adds every counter and leaves the empty usage neutral", () => {
    expect(addUsage(EMPTY_USAGE, usage)).toEqual(usage);
    expect(addUsage(usage, usage)).toEqual({ inputTokens: 240, outputTokens: 30, cacheCreationInputTokens: 2400, cacheReadInputTokens: 1600, requests: 4 });
  });
});

describe("formatUsage", () => {
  it("writes the --verbose line in French", () => {
    expect(formatUsage(usage)).toBe("jetons : 120 en entrée, 15 en sortie, cache : 1200 écrits, 800 lus (2 appels au modèle)");
    expect(formatUsage({ ...EMPTY_USAGE, requests: 1 })).toBe("jetons : 0 en entrée, 0 en sortie, cache : 0 écrits, 0 lus (1 appel au modèle)");
  });
});
