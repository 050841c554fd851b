import { z } from "zod";
import { SpecialistAgentNameSchema } from "../../agents/definitions/agentName.js";

/**
 * One labelled request of a measurement set (agents/understanding/intent-catalogue.md, « Label format »): the text,
 * the previous user turns, the agents expected and, when labelled, the intent and its slots.
 * Older sets (test/fixtures/requests) carry the agents only: they measure routing alone.
 */
export const LabelledRequestSchema = z
  .object({
    text: z.string().min(1),
    context: z.array(z.string()).optional(),
    agents: z.array(SpecialistAgentNameSchema),
    intent: z.string().min(1).optional(),
    slots: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type LabelledRequest = z.infer<typeof LabelledRequestSchema>;

/** Reads a JSONL set; a bad line throws, naming the line. */
export function parseLabelledRequests(jsonl: string, source: string): LabelledRequest[] {
  const out: LabelledRequest[] = [];
  jsonl.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const parsed = LabelledRequestSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${source}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    out.push(parsed.data);
  });
  return out;
}
