import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SpecialistAgentNameSchema } from "../../../agents/definitions/agentName.js";

const LabelledRequestSchema = z.object({ text: z.string(), agents: z.array(SpecialistAgentNameSchema) });
export type LabelledRequest = z.infer<typeof LabelledRequestSchema>;

/** Reads `test/fixtures/requests/<name>.jsonl`: one labelled request per line. */
export function readRequests(name: string): LabelledRequest[] {
  const path = fileURLToPath(new URL(`../../fixtures/requests/${name}.jsonl`, import.meta.url));
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => LabelledRequestSchema.parse(JSON.parse(line)));
}
