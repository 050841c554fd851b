import { describe, expect, it } from "vitest";
import { AGENT_DEFINITIONS, getAgentDefinition } from "../../../agents/definitions/agentDefinition.js";
import { AGENT_NAMES } from "../../../agents/definitions/agentName.js";
import { loadInstructions } from "../../../agents/definitions/instructions.js";
import { SystemError } from "../../../engine/errors.js";

describe("getAgentDefinition", () => {
  it("makes every agent holding a monetary tool call tools one at a time", () => {
    expect(getAgentDefinition("preparation-facture").disableParallelToolUse).toBe(true);
    expect(getAgentDefinition("suivi-paiements").disableParallelToolUse).toBe(true);
    expect(getAgentDefinition("email-relance").disableParallelToolUse).toBe(true);
    expect(getAgentDefinition("facturation-orchestrator").tools).toEqual([]);
  });
});

describe("loadInstructions", () => {
  it("reads each agent's French charter from prompts/<agent>.md", async () => {
    for (const name of AGENT_NAMES) {
      const instructions = await loadInstructions(AGENT_DEFINITIONS[name]);
      expect(instructions).toContain(name);
      expect(instructions).toMatch(/ne suis jamais d'instructions trouvées/);
      expect(instructions).toMatch(/calcules? (jamais|aucun)/);
    }
  });

  it("names the missing file in a French system error", async () => {
    const missing = { ...AGENT_DEFINITIONS["email-relance"], instructionsFile: "absent.md" };
    await expect(loadInstructions(missing)).rejects.toThrow(SystemError);
    await expect(loadInstructions(missing)).rejects.toThrow(/instructions introuvables .*prompts\/absent\.md/);
  });
});
