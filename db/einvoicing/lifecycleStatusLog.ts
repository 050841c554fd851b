import { and, asc, eq, inArray } from "drizzle-orm";
import { type LifecycleStatusCode, lifecycleEffect, type LifecycleEffect, LIFECYCLE_STATUSES } from "../../engine/einvoice/lifecycle/lifecycleStatus.js";
import { appendAuditInTransaction } from "../audit/appendAudit.js";
import type { Database } from "../database.js";
import { withDatabaseErrors } from "../postgresError.js";
import { invoices } from "../schema/invoices.js";
import { lifecycleStatuses, type LifecycleStatusRow } from "../schema/lifecycle.js";

export interface ReceivedStatus {
  readonly invoiceId: number;
  readonly statusCode: LifecycleStatusCode;
  readonly source: "acknowledgement" | "cdar";
  readonly flowId: string;
  readonly occurredAt: string;
  readonly issuerRole?: string | undefined;
  readonly reasonCode?: string | undefined;
  readonly reason?: string | undefined;
  readonly actor: string;
  readonly channel: string;
  readonly at?: Date | undefined;
}

export interface RecordedStatus {
  /** False when this flow's status was already recorded (nothing changed). */
  readonly recorded: boolean;
  readonly effect: LifecycleEffect;
  readonly invoiceNumber: string;
}

/**
 * Records a status received about one of our invoices, once per (flow, status), with its effect, in
 * one transaction, audited: 207 En litige and 210 Refusée put the dispute flag on (reminders and
 * dunning suspended) with the reason; 213 Rejetée and 211 Paiement transmis are kept as they are (shown
 * with the invoice; a rejected invoice is listed as in error). A status read again changes nothing.
 */
export async function recordReceivedStatus(db: Database, status: ReceivedStatus): Promise<RecordedStatus> {
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, status.invoiceId)).for("no key update");
      const effect = lifecycleEffect(status.statusCode);
      const invoiceNumber = invoice?.number ?? String(status.invoiceId);
      const inserted = await tx
        .insert(lifecycleStatuses)
        .values({
          invoiceId: status.invoiceId,
          statusCode: status.statusCode,
          source: status.source,
          flowId: status.flowId,
          occurredAt: status.occurredAt,
          issuerRole: status.issuerRole ?? null,
          reasonCode: status.reasonCode ?? null,
          reason: status.reason ?? null,
          ...(status.at ? { recordedAt: status.at } : {}),
        })
        .onConflictDoNothing()
        .returning({ id: lifecycleStatuses.id });
      if (inserted.length === 0 || !invoice) return { recorded: false, effect, invoiceNumber };
      const label = LIFECYCLE_STATUSES[status.statusCode].label;
      const why = [status.reason, status.reasonCode].filter(Boolean).join(" — ");
      if ((effect === "disputed" || effect === "refused") && !invoice.disputed) {
        const reason = `${effect === "refused" ? "Refusée par le client" : "En litige"} (${status.statusCode})${why ? ` : ${why}` : ""}`;
        await tx.update(invoices).set({ disputed: true, disputeReason: reason, disputedAt: status.at ?? new Date() }).where(eq(invoices.id, invoice.id));
      }
      await appendAuditInTransaction(tx, {
        actor: status.actor,
        channel: status.channel,
        action: "lifecycle_status_received",
        subjectType: "invoice",
        subjectId: invoiceNumber,
        details: { statusCode: status.statusCode, label, source: status.source, flowId: status.flowId, occurredAt: status.occurredAt, ...(why ? { reason: why } : {}), effect },
        ...(status.at ? { at: status.at } : {}),
      });
      return { recorded: true, effect, invoiceNumber };
    }),
  );
}

/** The statuses received for some invoices, in the order they took effect. */
export async function receivedStatuses(db: Database, invoiceIds: readonly number[]): Promise<LifecycleStatusRow[]> {
  if (invoiceIds.length === 0) return [];
  return db.select().from(lifecycleStatuses).where(inArray(lifecycleStatuses.invoiceId, [...invoiceIds])).orderBy(asc(lifecycleStatuses.occurredAt), asc(lifecycleStatuses.id));
}

/** Whether an invoice has received a given status. */
export async function hasReceivedStatus(db: Database, invoiceId: number, statusCode: LifecycleStatusCode): Promise<boolean> {
  const [row] = await db.select({ id: lifecycleStatuses.id }).from(lifecycleStatuses).where(and(eq(lifecycleStatuses.invoiceId, invoiceId), eq(lifecycleStatuses.statusCode, statusCode))).limit(1);
  return row !== undefined;
}
