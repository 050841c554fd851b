import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

/** An agent's instructions, served as an MCP prompt named after the agent. */
export interface AgentPrompt {
  readonly name: string;
  readonly title: string;
  readonly text: string;
}

// From the sources (tools/server) and from the build (dist/tools/server).
const PROMPT_DIRECTORIES = [new URL("../../prompts/", import.meta.url), new URL("../../../prompts/", import.meta.url)];

/** Reads every `prompts/<agent>.md` (the agents' instructions); an absent folder gives none. */
export async function loadAgentPrompts(): Promise<AgentPrompt[]> {
  const directory = PROMPT_DIRECTORIES.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
  if (!directory) return [];
  const files = (await readdir(directory)).filter((file) => file.endsWith(".md")).sort();
  return Promise.all(
    files.map(async (file) => {
      const name = basename(file, ".md");
      return { name, title: `Instructions de l'agent ${name}`, text: (await readFile(join(directory, file), "utf8")).trim() };
    }),
  );
}
