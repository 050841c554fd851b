import type { IsoDate } from "../dates/plainDate.js";
import { Decimal } from "../money/money.js";
import { DUNNING_LEVELS, type DunningLevel } from "./dunningLevel.js";
import { DEFAULT_DUNNING_POLICY, type DunningPolicy } from "./dunningPolicy.js";
import { nextDunningStep, type SentReminder } from "./nextDunningStep.js";

/** A reminder actually sent on an invoice. */
export interface SentReminderFact {
  readonly invoiceId: string;
  readonly level: DunningLevel;
  readonly date: IsoDate;
  /** The invoice's due date. */
  readonly dueDate: IsoDate;
}

/**
 * - `automatic`: the level and the day the dunning policy called for (what draft_reminder records as
 *   chosen by the policy: the level `nextDunningStep` says is due that day, after the reminders sent before);
 * - `manual`: a level a person forced (skipping one, repeating one, or before its day).
 */
export type ReminderOrigin = "automatic" | "manual";

export interface ReminderOrigins {
  readonly automatic: number;
  readonly manual: number;
  /** automatic ÷ (automatic + manual) × 100, unrounded; null when no reminder was sent. */
  readonly automaticPercent: Decimal | null;
}

const rank = (level: DunningLevel) => DUNNING_LEVELS.indexOf(level);
/** Only open, undisputed invoices are reminded (send_reminder refuses the others): any positive amount stands for "something is owed". */
const OWED = new Decimal(1);

/**
 * The origin of each reminder sent from `from` to `to` (both included), judged against the reminders
 * sent before it on the same invoice (the highest level, the latest of that level, as the summary
 * reads them). `reminders` holds every reminder sent on those invoices, earlier ones included, in the
 * order they were sent. Pure.
 */
export function reminderOrigins(
  reminders: readonly SentReminderFact[],
  from: IsoDate,
  to: IsoDate,
  policy: DunningPolicy = DEFAULT_DUNNING_POLICY,
): ReminderOrigins {
  const lastByInvoice = new Map<string, SentReminder>();
  let automatic = 0;
  let manual = 0;
  const ordered = reminders.map((r, i) => ({ r, i })).sort((a, b) => (a.r.date === b.r.date ? a.i - b.i : a.r.date < b.r.date ? -1 : 1));
  for (const { r } of ordered) {
    const previous = lastByInvoice.get(r.invoiceId) ?? null;
    if (r.date >= from && r.date <= to) {
      const step = nextDunningStep({ dueDate: r.dueDate, outstanding: OWED, disputed: false }, previous, r.date, policy);
      if (step.dueNow === r.level) automatic += 1;
      else manual += 1;
    }
    if (previous === null || rank(r.level) > rank(previous.level) || (r.level === previous.level && r.date >= previous.date)) {
      lastByInvoice.set(r.invoiceId, { level: r.level, date: r.date });
    }
  }
  const total = automatic + manual;
  return { automatic, manual, automaticPercent: total === 0 ? null : new Decimal(automatic).times(100).dividedBy(total) };
}
