import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { appendAuditInTransaction } from "../audit/appendAudit.js";
import { type Database, rowsOf } from "../database.js";
import { withDatabaseErrors } from "../postgresError.js";
import { invoices } from "../schema/invoices.js";
import { type DepositOutcome, paDepositAttempts, paTransmissions } from "../schema/transmissions.js";

/** A transmission still to deposit, with what its attempts so far say. */
export interface PendingTransmission {
  readonly id: number;
  readonly invoiceId: number;
  readonly invoiceNumber: string;
  readonly trackingId: string;
  readonly flowSyntax: "Factur-X" | "CDAR";
  readonly lifecycleMessageId: number | null;
  readonly attempts: number;
  readonly lastOutcome: DepositOutcome | null;
  readonly lastError: string | null;
  readonly retryAt: Date | null;
}

export interface PendingTransmissionFilter {
  /** Only these invoices' documents and messages (`pa send NUMÉRO…`). */
  readonly invoiceIds?: readonly number[] | undefined;
  /** The instant: a failed attempt waits until its `retry_at` unless `ignoreBackoff`. */
  readonly now: Date;
  /** On demand: retry now, refused ones included. */
  readonly ignoreBackoff?: boolean | undefined;
}

/**
 * The transmissions not yet deposited, oldest first: a lifecycle message only once its invoice's own
 * document is deposited (a platform refuses a status about an invoice it does not know); in the
 * background, a failed one once its backoff has passed and a refused one never (a person must look).
 */
export async function pendingTransmissions(db: Database, filter: PendingTransmissionFilter): Promise<PendingTransmission[]> {
  const rows = rowsOf<{
    id: number;
    invoice_id: number;
    number: string;
    tracking_id: string;
    flow_syntax: "Factur-X" | "CDAR";
    lifecycle_message_id: number | null;
    attempts: number;
    last_outcome: DepositOutcome | null;
    last_error: string | null;
    retry_at: string | Date | null;
  }>(
    await db.execute(sql`
      select t.id, t.invoice_id, i.number, t.tracking_id, t.flow_syntax, t.lifecycle_message_id,
        (select count(*)::int from pa_deposit_attempts a where a.transmission_id = t.id) as attempts,
        last.outcome as last_outcome, coalesce(last.error_message, last.error_code) as last_error, last.retry_at
      from pa_transmissions t
      join invoices i on i.id = t.invoice_id
      left join lateral (select * from pa_deposit_attempts a where a.transmission_id = t.id order by a.id desc limit 1) last on true
      where not exists (select 1 from pa_deposit_attempts a where a.transmission_id = t.id and a.outcome in ('deposited', 'already_deposited'))
        and (t.lifecycle_message_id is null or exists (
          select 1 from pa_transmissions d join pa_deposit_attempts a on a.transmission_id = d.id
          where d.invoice_id = t.invoice_id and d.lifecycle_message_id is null and a.outcome in ('deposited', 'already_deposited')))
        ${filter.invoiceIds ? sql`and t.invoice_id in (${sql.join(filter.invoiceIds.length > 0 ? filter.invoiceIds.map((id) => sql`${id}`) : [sql`null`], sql`, `)})` : sql``}
      order by t.id`),
  );
  const now = filter.now.getTime();
  return rows
    .map((r) => ({
      id: r.id,
      invoiceId: r.invoice_id,
      invoiceNumber: r.number,
      trackingId: r.tracking_id,
      flowSyntax: r.flow_syntax,
      lifecycleMessageId: r.lifecycle_message_id,
      attempts: r.attempts,
      lastOutcome: r.last_outcome,
      lastError: r.last_error,
      retryAt: r.retry_at === null ? null : new Date(r.retry_at),
    }))
    .filter((t) => filter.ignoreBackoff || t.lastOutcome === null || (t.lastOutcome === "failed" && (t.retryAt === null || t.retryAt.getTime() <= now)));
}

/** The invoices whose own document is deposited (so their lifecycle messages may follow). */
export async function depositedInvoiceIds(db: Database, invoiceIds: readonly number[]): Promise<Set<number>> {
  if (invoiceIds.length === 0) return new Set();
  const rows = await db
    .select({ invoiceId: paTransmissions.invoiceId })
    .from(paTransmissions)
    .innerJoin(paDepositAttempts, eq(paDepositAttempts.transmissionId, paTransmissions.id))
    .where(and(inArray(paTransmissions.invoiceId, [...invoiceIds]), sql`${paTransmissions.lifecycleMessageId} is null`, inArray(paDepositAttempts.outcome, ["deposited", "already_deposited"])));
  return new Set(rows.map((r) => r.invoiceId));
}

export interface DepositAttempt {
  readonly transmissionId: number;
  readonly outcome: DepositOutcome;
  readonly at: Date;
  readonly httpStatus?: number | undefined;
  readonly flowId?: string | undefined;
  readonly submittedAt?: string | undefined;
  readonly sha256?: string | undefined;
  readonly errorCode?: string | undefined;
  readonly errorMessage?: string | undefined;
  readonly retryAt?: Date | undefined;
  /** Who deposits (the user of `pa send`, or the background loop). */
  readonly actor: string;
  readonly channel: string;
}

/**
 * Records one attempt (append-only, audited) in one transaction. A success of the invoice's own
 * document also marks the invoice « envoyée » (sent at, channel `pa`). A second success for the same
 * transmission is not recorded (`recorded: false`): it was deposited once.
 */
export async function recordDepositAttempt(db: Database, attempt: DepositAttempt): Promise<{ recorded: boolean }> {
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const [transmission] = await tx.select().from(paTransmissions).where(eq(paTransmissions.id, attempt.transmissionId));
      if (!transmission) return { recorded: false };
      const success = attempt.outcome === "deposited" || attempt.outcome === "already_deposited";
      const inserted = await tx
        .insert(paDepositAttempts)
        .values({
          transmissionId: attempt.transmissionId,
          attemptedAt: attempt.at,
          outcome: attempt.outcome,
          httpStatus: attempt.httpStatus ?? null,
          flowId: attempt.flowId ?? null,
          submittedAt: attempt.submittedAt ?? null,
          sha256: attempt.sha256 ?? null,
          errorCode: attempt.errorCode ?? null,
          errorMessage: attempt.errorMessage ?? null,
          retryAt: attempt.retryAt ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: paDepositAttempts.id });
      if (inserted.length === 0) return { recorded: false };
      if (success && transmission.lifecycleMessageId === null) {
        await tx
          .update(invoices)
          .set({ status: sql`case when ${invoices.status} = 'issued' then 'sent' else ${invoices.status} end`, sentAt: attempt.at, sentChannel: "pa" })
          .where(and(eq(invoices.id, transmission.invoiceId), sql`${invoices.sentAt} is null`));
      }
      await appendAuditInTransaction(tx, {
        actor: attempt.actor,
        channel: attempt.channel,
        action: `pa_deposit_${attempt.outcome}`,
        subjectType: "pa_transmission",
        subjectId: transmission.trackingId,
        details: {
          invoiceId: transmission.invoiceId,
          flowSyntax: transmission.flowSyntax,
          ...(attempt.flowId ? { flowId: attempt.flowId } : {}),
          ...(attempt.httpStatus ? { httpStatus: attempt.httpStatus } : {}),
          ...(attempt.sha256 ? { sha256: attempt.sha256 } : {}),
          ...(attempt.errorCode ? { errorCode: attempt.errorCode } : {}),
        },
        at: attempt.at,
      });
      return { recorded: true };
    }),
  );
}

/** The transmission of a tracking id, with its successful deposit (flow id) when there is one. */
export async function transmissionByTrackingId(db: Database, trackingId: string) {
  const [row] = await db
    .select({ transmission: paTransmissions, flowId: paDepositAttempts.flowId })
    .from(paTransmissions)
    .leftJoin(paDepositAttempts, and(eq(paDepositAttempts.transmissionId, paTransmissions.id), inArray(paDepositAttempts.outcome, ["deposited", "already_deposited"])))
    .where(eq(paTransmissions.trackingId, trackingId));
  return row;
}

/** The transmission that carried flow `flowId` (to attach its acknowledgement). */
export async function transmissionByFlowId(db: Database, flowId: string) {
  const [row] = await db
    .select({ transmission: paTransmissions })
    .from(paDepositAttempts)
    .innerJoin(paTransmissions, eq(paTransmissions.id, paDepositAttempts.transmissionId))
    .where(eq(paDepositAttempts.flowId, flowId))
    .orderBy(desc(paDepositAttempts.id))
    .limit(1);
  return row?.transmission;
}

/** Every transmission of some invoices, with all their attempts, oldest first (for display). */
export async function transmissionHistory(db: Database, invoiceIds: readonly number[]) {
  if (invoiceIds.length === 0) return [];
  const transmissions = await db.select().from(paTransmissions).where(inArray(paTransmissions.invoiceId, [...invoiceIds])).orderBy(asc(paTransmissions.id));
  const attempts = transmissions.length
    ? await db.select().from(paDepositAttempts).where(inArray(paDepositAttempts.transmissionId, transmissions.map((t) => t.id))).orderBy(asc(paDepositAttempts.id))
    : [];
  return transmissions.map((t) => ({ transmission: t, attempts: attempts.filter((a) => a.transmissionId === t.id) }));
}
