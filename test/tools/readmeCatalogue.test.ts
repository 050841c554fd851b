import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TOOLS } from "../../tools/index.js";
import { withCatalogue } from "../../tools/readmeCatalogue.js";

describe("withCatalogue", () => {
  it("leaves the README unchanged: its catalogue is the one generated from the tools' schemas (npm run catalogue -- --write)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(withCatalogue(readme, TOOLS)).toBe(readme);
  });

  it("lists every registered tool in the README", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const tool of TOOLS) expect(readme).toContain(`### \`${tool.name}\``);
  });

  it("refuses a README without the markers", () => {
    expect(() => withCatalogue("# rien", TOOLS)).toThrow(/catalogue:start/);
  });
});
