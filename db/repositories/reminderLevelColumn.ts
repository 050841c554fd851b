import type { DunningLevel } from "../../engine/dunning/dunningLevel.js";

/**
 * The `reminders.level` column: 0 reminder before the due date, 1 R1 cordial, 2 R2 firm,
 * 3 R3 formal notice (mise en demeure), 4 escalation. The one mapping between the column and the
 * engine's dunning levels; readers and writers of `reminders` use it.
 */
export const REMINDER_LEVEL_COLUMN: Readonly<Record<DunningLevel, number>> = { pre_due: 0, r1: 1, r2: 2, r3: 3, escalation: 4 };

const BY_COLUMN: ReadonlyMap<number, DunningLevel> = new Map(
  (Object.entries(REMINDER_LEVEL_COLUMN) as [DunningLevel, number][]).map(([level, column]) => [column, level]),
);

/** The dunning level of a stored `reminders.level` value; undefined for a value outside 0–4. */
export function dunningLevelOfColumn(column: number): DunningLevel | undefined {
  return BY_COLUMN.get(column);
}
