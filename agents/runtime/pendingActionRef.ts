import { z } from "zod";

/**
 * What a monetary tool returns in its structured content when it proposed an action instead of
 * doing it: `{ pendingAction: { id, summary?, expiresAt? } }`. The runtime collects these so the
 * human can confirm them through a channel the model cannot write to.
 */
export const PendingActionRefSchema = z.looseObject({
  id: z.string().min(1),
  summary: z.string().optional(),
  expiresAt: z.string().optional(),
});
export type PendingActionRef = z.infer<typeof PendingActionRefSchema>;

const WithPendingActionSchema = z.looseObject({ pendingAction: PendingActionRefSchema });

/** The pending action a tool result announces, if any. */
export function extractPendingAction(structuredContent: unknown): PendingActionRef | undefined {
  const parsed = WithPendingActionSchema.safeParse(structuredContent);
  return parsed.success ? parsed.data.pendingAction : undefined;
}
