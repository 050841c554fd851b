import { z } from "zod";

/**
 * Reminder levels, in the order they are sent: an optional reminder before the due date, then
 * R1 (cordiale), R2 (ferme), R3 (formelle : mise en demeure), then the hand-over to a human.
 */
export const DUNNING_LEVELS = ["pre_due", "r1", "r2", "r3", "escalation"] as const;
export const DunningLevelSchema = z.enum(DUNNING_LEVELS, { error: "niveau de relance inconnu (pre_due, r1, r2, r3, escalation)" });
export type DunningLevel = z.infer<typeof DunningLevelSchema>;

export const DUNNING_LEVEL_LABELS: Readonly<Record<DunningLevel, string>> = {
  pre_due: "rappel avant échéance",
  r1: "relance R1 (cordiale)",
  r2: "relance R2 (ferme)",
  r3: "relance R3 (mise en demeure)",
  escalation: "escalade à un responsable",
};
