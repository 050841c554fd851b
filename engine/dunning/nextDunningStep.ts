import { z } from "zod";
import { addDays, daysBetween, formatDateShortFr, type IsoDate, maxDate } from "../dates/plainDate.js";
import type { Decimal } from "../money/money.js";
import { IsoDateSchema } from "../wire/isoDate.js";
import { DUNNING_LEVEL_LABELS, type DunningLevel, DunningLevelSchema } from "./dunningLevel.js";
import { DEFAULT_DUNNING_POLICY, type DunningPolicy, dunningSchedule } from "./dunningPolicy.js";

/** The last reminder sent on an invoice. */
export const SentReminderSchema = z.object({ level: DunningLevelSchema, date: IsoDateSchema });
export type SentReminder = z.infer<typeof SentReminderSchema>;

/** What the policy needs to know about the invoice (an `InvoiceReceivable` fits). */
export interface DunningSubject {
  readonly dueDate: IsoDate;
  readonly outstanding: Decimal;
  readonly disputed: boolean;
}

export interface DunningStep {
  /** The reminder to send today, or null. */
  readonly dueNow: DunningLevel | null;
  /**
   * The following level and the date it becomes due — after `dueNow` if that one is sent today, else
   * the level awaited. Null when nothing will follow (paid, disputed, escalated).
   */
  readonly next: { readonly level: DunningLevel; readonly date: IsoDate } | null;
  /** Days late as of today (0 when not late). */
  readonly daysOverdue: number;
  /** One French sentence explaining the decision. */
  readonly reason: string;
}

/**
 * Which reminder is due on `asOf`. Rules:
 * - paid (nothing outstanding) or disputed invoices need nothing; after escalation, a human takes over;
 * - levels are never skipped: the level due is the one after the last one sent (R1 when none was);
 * - the pre-due reminder (when the policy has one) is only sent before the due date, from
 *   `preDueDays` days before it up to the day before; once the invoice is due it is no longer relevant
 *   and the sequence starts at R1;
 * - a level L is due once BOTH (a) asOf ≥ dueDate + delay(L) and (b) asOf ≥ date the previous level was
 *   sent + (delay(L) − delay(previous)). Delays are measured from the due date, and (b) keeps the
 *   policy's spacing when a sequence starts late: an invoice 70 days late that never had a reminder
 *   needs R1 today, R2 eight days later (15 − 7), R3 fifteen days after that, and so on.
 */
export function nextDunningStep(
  subject: DunningSubject,
  lastSent: SentReminder | null,
  asOf: IsoDate,
  policy: DunningPolicy = DEFAULT_DUNNING_POLICY,
): DunningStep {
  const late = daysBetween(subject.dueDate, asOf);
  const daysOverdue = late > 0 ? late : 0;
  const nothing = (reason: string): DunningStep => ({ dueNow: null, next: null, daysOverdue, reason });
  if (subject.outstanding.isZero() || subject.outstanding.isNegative()) return nothing("Facture soldée : aucune relance à envoyer.");
  if (subject.disputed) return nothing("Facture en litige : les relances sont suspendues.");
  if (lastSent?.level === "escalation") return nothing("Dossier déjà escaladé : le suivi est entre les mains d'un responsable.");

  const schedule = dunningSchedule(policy);
  const offsetOf = (level: DunningLevel): number => schedule.find((s) => s.level === level)?.offsetDays ?? 0;
  // The candidate: the level after the last one sent; the pre-due reminder only before the due date.
  const lastIndex = lastSent === null ? -1 : schedule.findIndex((s) => s.level === lastSent.level);
  let index = lastIndex + 1;
  if (lastSent !== null && lastIndex === -1) index = schedule.findIndex((s) => s.level === "r1"); // pre_due sent, policy has none now
  const candidate = schedule[index];
  if (candidate === undefined) return nothing("Aucune relance ne reste à envoyer.");
  if (candidate.level === "pre_due" && late >= 0) index += 1; // due date reached: too late for a pre-due reminder
  const level = schedule[index];
  if (level === undefined) return nothing("Aucune relance ne reste à envoyer.");

  const eligibleOn = (l: { level: DunningLevel; offsetDays: number }, previous: SentReminder | null): IsoDate => {
    const fromDue = addDays(subject.dueDate, l.offsetDays);
    return previous === null ? fromDue : maxDate(fromDue, addDays(previous.date, l.offsetDays - offsetOf(previous.level)));
  };
  const lateText = daysOverdue > 0 ? `${daysOverdue} jour${daysOverdue > 1 ? "s" : ""} de retard` : `échéance le ${formatDateShortFr(subject.dueDate)}`;
  const sentText = lastSent === null ? "aucune relance envoyée" : `dernière relance : ${DUNNING_LEVEL_LABELS[lastSent.level]} le ${formatDateShortFr(lastSent.date)}`;

  const date = eligibleOn(level, lastSent);
  if (asOf < date) {
    return {
      dueNow: null,
      next: { level: level.level, date },
      daysOverdue,
      reason: `Rien à envoyer aujourd'hui (${lateText}, ${sentText}) ; prochaine étape : ${DUNNING_LEVEL_LABELS[level.level]} le ${formatDateShortFr(date)}.`,
    };
  }
  const following = schedule[index + 1];
  const next = following === undefined ? null : { level: following.level, date: eligibleOn(following, { level: level.level, date: asOf }) };
  return {
    dueNow: level.level,
    next,
    daysOverdue,
    reason: `${capitalise(DUNNING_LEVEL_LABELS[level.level])} à envoyer aujourd'hui (${lateText}, ${sentText}).`,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
