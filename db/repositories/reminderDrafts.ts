import { and, eq } from "drizzle-orm";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import type { DunningLevel } from "../../engine/dunning/dunningLevel.js";
import { NotFoundError, RuleError, SystemError } from "../../engine/errors.js";
import { appendAudit } from "../audit/appendAudit.js";
import type { Database } from "../database.js";
import { withDatabaseErrors } from "../postgresError.js";
import { invoices } from "../schema/invoices.js";
import { type ReminderRow, reminders } from "../schema/reminders.js";
import { REMINDER_LEVEL_COLUMN } from "./reminderLevelColumn.js";

export interface DraftReminderInput {
  readonly invoiceId: number;
  readonly level: Exclude<DunningLevel, "escalation">;
  /** The date the reminder is drafted for. */
  readonly remindedOn: IsoDate;
  /** The client's billing e-mail, from the client record. */
  readonly recipient: string;
  readonly subject: string;
  readonly actor: string;
  readonly channel: string;
  /** Set when the level was forced instead of chosen by the dunning policy. */
  readonly forcedReason?: string | undefined;
  readonly at?: Date | undefined;
}

export interface DraftedReminder {
  readonly reminder: ReminderRow;
  /** `created`: a new draft; `updated`: the invoice's unsent draft was rewritten; `unchanged`: the same draft already existed. */
  readonly outcome: "created" | "updated" | "unchanged";
}

/**
 * Stores the drafted reminder of an issued invoice: one unsent draft per invoice at most. The same
 * draft again is a no-op; a different one rewrites the unsent draft (it was never sent). Audited.
 */
export async function draftReminder(db: Database, input: DraftReminderInput): Promise<DraftedReminder> {
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const [invoice] = await tx.select({ status: invoices.status, number: invoices.number }).from(invoices).where(eq(invoices.id, input.invoiceId)).for("no key update");
      if (!invoice) throw new NotFoundError(`facture ${input.invoiceId} introuvable`, { field: "invoice" });
      if (invoice.status === "draft") throw new RuleError("un brouillon de facture ne se relance pas : émettez-le d'abord", { field: "invoice", code: "not_issued" });
      const values = {
        level: REMINDER_LEVEL_COLUMN[input.level],
        remindedOn: input.remindedOn,
        channel: "email" as const,
        recipient: input.recipient,
        subject: input.subject,
      };
      const [existing] = await tx
        .select()
        .from(reminders)
        .where(and(eq(reminders.invoiceId, input.invoiceId), eq(reminders.status, "drafted")))
        .orderBy(reminders.id)
        .limit(1);
      if (
        existing &&
        existing.level === values.level &&
        existing.remindedOn === values.remindedOn &&
        existing.recipient === values.recipient &&
        existing.subject === values.subject
      ) {
        return { reminder: existing, outcome: "unchanged" as const };
      }
      const [row] = existing
        ? await tx.update(reminders).set({ ...values, createdBy: input.actor }).where(eq(reminders.id, existing.id)).returning()
        : await tx.insert(reminders).values({ ...values, invoiceId: input.invoiceId, status: "drafted", createdBy: input.actor }).returning();
      if (!row) throw new SystemError("relance non enregistrée", { code: "reminder_not_stored" });
      await appendAudit(tx, {
        actor: input.actor,
        channel: input.channel,
        action: existing ? "reminder_redrafted" : "reminder_drafted",
        subjectType: "reminder",
        subjectId: row.id,
        details: {
          invoice: invoice.number,
          level: input.level,
          recipient: input.recipient,
          ...(input.forcedReason !== undefined ? { forcedReason: input.forcedReason } : {}),
        },
        ...(input.at ? { at: input.at } : {}),
      });
      return { reminder: row, outcome: existing ? ("updated" as const) : ("created" as const) };
    }),
  );
}

export async function findReminder(db: Database, reminderId: number): Promise<ReminderRow | undefined> {
  const [row] = await db.select().from(reminders).where(eq(reminders.id, reminderId));
  return row;
}

export interface ClaimReminderInput {
  readonly reminderId: number;
  /** The date the e-mail is sent (becomes the reminder's date, which the dunning policy counts from). */
  readonly sentOn: IsoDate;
  readonly recipient: string;
  readonly subject: string;
  readonly at: Date;
}

/**
 * Marks a drafted reminder sent, in ONE conditional update (status drafted → sent): a reminder
 * already sent, or claimed by a racing execution, is refused. Call it in the sending transaction
 * before the e-mail leaves, then `recordReminderDelivery` once it has.
 */
export async function claimDraftedReminder(db: Database, input: ClaimReminderInput): Promise<ReminderRow> {
  const [row] = await db
    .update(reminders)
    .set({ status: "sent", remindedOn: input.sentOn, recipient: input.recipient, subject: input.subject, sentAt: input.at })
    .where(and(eq(reminders.id, input.reminderId), eq(reminders.status, "drafted")))
    .returning();
  if (!row) {
    const current = await findReminder(db, input.reminderId);
    if (!current) throw new NotFoundError(`relance ${input.reminderId} introuvable`, { field: "reminderId" });
    throw new RuleError(`la relance ${input.reminderId} a déjà été envoyée le ${formatDateShortFr(current.remindedOn)}`, { field: "reminderId", code: "reminder_already_sent" });
  }
  return row;
}

export interface ReminderDelivery {
  readonly reminderId: number;
  readonly messageId: string;
  /** `smtp` or `outbox`. */
  readonly route: string;
  readonly actor: string;
  readonly channel: string;
  readonly pendingActionId?: string | undefined;
  readonly payloadDigest?: string | undefined;
  readonly details?: Record<string, unknown> | undefined;
  readonly at: Date;
}

/** Records the Message-ID of a claimed reminder and appends the `reminder_sent` audit row. */
export async function recordReminderDelivery(db: Database, input: ReminderDelivery): Promise<ReminderRow> {
  const [row] = await db.update(reminders).set({ messageReference: input.messageId }).where(eq(reminders.id, input.reminderId)).returning();
  if (!row) throw new NotFoundError(`relance ${input.reminderId} introuvable`, { field: "reminderId" });
  await appendAudit(db, {
    actor: input.actor,
    channel: input.channel,
    action: "reminder_sent",
    subjectType: "reminder",
    subjectId: row.id,
    pendingActionId: input.pendingActionId,
    payloadDigest: input.payloadDigest,
    details: { invoiceId: row.invoiceId, level: row.level, recipient: row.recipient, route: input.route, messageId: input.messageId, ...input.details },
    at: input.at,
  });
  return row;
}
