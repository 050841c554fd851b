import { DUNNING_LEVEL_LABELS } from "../../engine/dunning/dunningLevel.js";
import { DEFAULT_DUNNING_POLICY, type DunningPolicy } from "../../engine/dunning/dunningPolicy.js";
import { type DunningStep, nextDunningStep, type SentReminder } from "../../engine/dunning/nextDunningStep.js";
import { RuleError } from "../../engine/errors.js";
import type { ReminderLevel } from "../mail/reminderInput.js";
import type { ReminderSituation } from "./reminderSituation.js";

/** The e-mail levels in the order they are sent. */
const ORDER: readonly ReminderLevel[] = ["pre_due", "r1", "r2", "r3"];

export interface ReminderLevelChoice {
  readonly level: ReminderLevel;
  readonly chosenBy: "policy" | "forced";
  /** Required (and kept in the audit log) when a forced level skips one. */
  readonly forcedReason: string | null;
  /** The policy's view on that date (what is due, what comes next, and why). */
  readonly step: DunningStep;
}

/** The level that comes after the last one sent, when none is skipped (R1 when nothing was sent). */
function levelAfter(lastSent: SentReminder | null): ReminderLevel | null {
  if (lastSent === null || lastSent.level === "pre_due") return "r1";
  if (lastSent.level === "escalation") return null;
  return ORDER[ORDER.indexOf(lastSent.level) + 1] ?? null;
}

/**
 * Which reminder to draft: the level the dunning policy says is due on the situation's date, or the
 * level asked for. A requested level may repeat or anticipate the next one, but skipping a level
 * (R2 when R1 was never sent) needs a reason. Refusals are RuleErrors naming `level` or `reason`.
 */
export function chooseReminderLevel(
  situation: ReminderSituation,
  requested: { readonly level?: ReminderLevel | undefined; readonly reason?: string | undefined },
  policy: DunningPolicy = DEFAULT_DUNNING_POLICY,
): ReminderLevelChoice {
  const step = nextDunningStep(
    { dueDate: situation.invoice.dueDate, outstanding: situation.receivable.outstanding, disputed: situation.invoice.disputed },
    situation.lastSent,
    situation.asOf,
    policy,
  );
  if (requested.level === undefined) {
    if (step.dueNow === null) {
      throw new RuleError(`${step.reason} Pour relancer malgré tout, indiquez le niveau voulu (level).`, { field: "level", code: "no_reminder_due" });
    }
    if (step.dueNow === "escalation") {
      throw new RuleError(
        `${step.reason} Après la mise en demeure, le dossier passe à un responsable : aucun e-mail automatique n'est prévu.`,
        { field: "level", code: "escalation_due" },
      );
    }
    return { level: step.dueNow, chosenBy: "policy", forcedReason: null, step };
  }
  const expected = levelAfter(situation.lastSent);
  const skips = expected !== null && ORDER.indexOf(requested.level) > ORDER.indexOf(expected);
  if (skips && requested.reason === undefined) {
    throw new RuleError(
      `${DUNNING_LEVEL_LABELS[requested.level]} sauterait ${DUNNING_LEVEL_LABELS[expected]} : les niveaux ne se sautent pas, sauf en indiquant le motif (reason)`,
      { field: "level", code: "reminder_level_skipped" },
    );
  }
  return { level: requested.level, chosenBy: step.dueNow === requested.level ? "policy" : "forced", forcedReason: requested.reason ?? null, step };
}
