import { describe, expect, it } from "vitest";
import { CLAUDE_DEFAULTS, DEFAULT_CLAUDE_MODEL, claudeSettingsFromEnv } from "../../../agents/runner/claudeSettings.js";
import { InputError } from "../../../engine/errors.js";

describe("claudeSettingsFromEnv", () => {
  it("is undefined without a key, so the offline runner applies", () => {
    expect(claudeSettingsFromEnv({})).toBeUndefined();
    expect(claudeSettingsFromEnv({ ANTHROPIC_API_KEY: "  " })).toBeUndefined();
  });

  it("uses the default model and limits unless the environment sets them", () => {
    expect(claudeSettingsFromEnv({ ANTHROPIC_API_KEY: "sk-ant-x" })).toEqual({
      apiKey: "sk-ant-x",
      model: DEFAULT_CLAUDE_MODEL,
      baseURL: undefined,
      ...CLAUDE_DEFAULTS,
    });
    expect(
      claudeSettingsFromEnv({ ANTHROPIC_API_KEY: "sk-ant-x", ANTHROPIC_MODEL: "claude-opus-5-5", ANTHROPIC_BASE_URL: "http://127.0.0.1:9", FACTURATION_MAX_TURNS: "3" }),
    ).toMatchObject({ model: "claude-opus-5-5", baseURL: "http://127.0.0.1:9", maxTurns: 3 });
  });

  it("refuses a maximum number of turns that is not a positive integer, naming the variable", () => {
    expect(() => claudeSettingsFromEnv({ ANTHROPIC_API_KEY: "sk-ant-x", FACTURATION_MAX_TURNS: "zéro" })).toThrow(InputError);
    expect(() => claudeSettingsFromEnv({ ANTHROPIC_API_KEY: "sk-ant-x", FACTURATION_MAX_TURNS: "0" })).toThrow("FACTURATION_MAX_TURNS : doit être un entier positif");
  });
});
