import { describe, expect, it } from "vitest";
import { ToolNameSchema, isMonetaryTool } from "../../../agents/definitions/toolName.js";
import { TOOLS } from "../../../tools/index.js";

describe("ToolNameSchema", () => {
  it("names exactly the tools the server registers, so no allowlist can grant a tool that does not exist", () => {
    expect([...ToolNameSchema.options].sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
  });

  it("marks as monetary exactly the tools whose server definition only proposes a pending action", () => {
    for (const tool of TOOLS) expect(isMonetaryTool(ToolNameSchema.parse(tool.name)), tool.name).toBe(tool.monetary);
  });
});
