import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { SystemError } from "../../engine/errors.js";
import type { AgentDefinition } from "./agentDefinition.js";

// From the sources (agents/definitions) and from the build (dist/agents/definitions).
const PROMPT_DIRECTORIES = [new URL("../../prompts/", import.meta.url), new URL("../../../prompts/", import.meta.url)];

/** Reads an agent's French instructions from `prompts/<agent>.md`. */
export async function loadInstructions(definition: AgentDefinition): Promise<string> {
  for (const directory of PROMPT_DIRECTORIES) {
    const path = fileURLToPath(new URL(definition.instructionsFile, directory));
    if (existsSync(path)) return (await readFile(path, "utf8")).trim();
  }
  throw new SystemError(`instructions introuvables pour l'agent ${definition.name} (prompts/${definition.instructionsFile})`);
}
