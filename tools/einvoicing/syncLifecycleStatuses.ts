import { parisDateTime } from "../../db/einvoicing/parisDateTime.js";
import { recordReceivedStatus } from "../../db/einvoicing/lifecycleStatusLog.js";
import { lastSyncCursor, recordSyncRun } from "../../db/einvoicing/syncRuns.js";
import { transmissionByFlowId, transmissionByTrackingId } from "../../db/einvoicing/transmissionQueue.js";
import { findInvoice } from "../../db/repositories/invoiceQueries.js";
import { LIFECYCLE_STATUSES, type LifecycleEffect, type LifecycleStatusCode } from "../../engine/einvoice/lifecycle/lifecycleStatus.js";
import { readCdarXml } from "../../engine/einvoice/lifecycle/readCdarXml.js";
import { isBillingError } from "../../engine/errors.js";
import type { Flow } from "./flowServiceClient.js";
import type { PlatformDeps } from "./platformDeps.js";

export interface SyncedStatus {
  readonly invoiceNumber: string;
  readonly statusCode: LifecycleStatusCode;
  readonly label: string;
  readonly effect: LifecycleEffect;
  readonly reason?: string | undefined;
  readonly occurredAt: string;
}

export interface SyncReport {
  readonly statuses: readonly SyncedStatus[];
  readonly flowsSeen: number;
  /** Flows that could not be read (French). */
  readonly warnings: readonly string[];
}

export interface SyncOptions {
  /** Called for each invoice newly refused by its buyer (210): the composition root proposes a total credit note through the gate. */
  readonly onRefused?: ((invoiceNumber: string, reason: string) => Promise<void>) | undefined;
}

const EPOCH = "1970-01-01T00:00:00.000Z";
const localOf = (iso: string | undefined, fallback: Date) => parisDateTime(iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso) : fallback);

/**
 * Brings the platform's statuses back: `POST /v1/flows/search` with `updatedAfter` (from where the
 * previous run stopped, page after page), then for each flow its metadata (`GET /v1/flows/{id}`):
 * - one of our deposited documents: its acknowledgement (Ok → 200 Déposée, Error → 213 Rejetée with the
 *   platform's reasons; an AlreadyExistingFlow duplicate is not an error);
 * - a lifecycle message for us (CDAR, « In »): downloaded, read, recorded on the invoice it names,
 *   with its effect (see `recordReceivedStatus`); a 210 newly received calls `onRefused`.
 * Each status is recorded once; running it again changes nothing.
 */
export async function syncLifecycleStatuses(deps: PlatformDeps, options: SyncOptions = {}): Promise<SyncReport> {
  let cursor = (await lastSyncCursor(deps.db)) ?? EPOCH;
  const statuses: SyncedStatus[] = [];
  const warnings: string[] = [];
  let seen = 0;
  for (let page = 0; page < 100; page++) {
    const flows = await deps.flows.searchFlows({ updatedAfter: cursor }, 100);
    const fresh = flows.filter((f) => f.flowId && (!f.updatedAt || f.updatedAt > cursor));
    for (const flow of fresh) {
      seen++;
      try {
        statuses.push(...(await ingestFlow(deps, flow, options)));
      } catch (error) {
        if (!isBillingError(error)) throw error;
        warnings.push(`flux ${flow.flowId} illisible : ${error.message}`);
      }
    }
    const latest = fresh.map((f) => f.updatedAt ?? "").filter(Boolean).sort().at(-1);
    if (latest) cursor = latest;
    if (flows.length < 100 || !latest) break;
  }
  await recordSyncRun(deps.db, { updatedAfter: cursor, flowsSeen: seen, at: deps.now() });
  return { statuses, flowsSeen: seen, warnings };
}

async function ingestFlow(deps: PlatformDeps, listed: Flow, options: SyncOptions): Promise<SyncedStatus[]> {
  const flowId = listed.flowId ?? "";
  const flow = await deps.flows.getFlow(flowId);
  const common = { actor: deps.actor, channel: deps.channel, at: deps.now() };
  if ((flow.flowDirection ?? listed.flowDirection) === "In") {
    if ((flow.flowSyntax ?? listed.flowSyntax) !== "CDAR") return [];
    const message = readCdarXml(new TextDecoder().decode(await deps.flows.downloadFlow(flowId)));
    const invoice = await findInvoice(deps.db, message.invoice.number);
    if (!invoice || invoice.status === "draft") return [];
    const reason = message.reasons.map((r) => [r.text?.trim(), r.note?.trim()].filter(Boolean).join(" — ")).filter(Boolean).join(" ; ") || undefined;
    const recorded = await recordReceivedStatus(deps.db, {
      ...common,
      invoiceId: invoice.id,
      statusCode: message.status,
      source: "cdar",
      flowId,
      occurredAt: message.statusAt,
      issuerRole: message.issuer.role || undefined,
      reasonCode: message.reasons[0]?.code,
      reason,
    });
    if (!recorded.recorded) return [];
    if (recorded.effect === "refused" && options.onRefused) await options.onRefused(recorded.invoiceNumber, reason ?? message.reasons[0]?.code ?? "refus du client");
    return [{ invoiceNumber: recorded.invoiceNumber, statusCode: message.status, label: LIFECYCLE_STATUSES[message.status].label, effect: recorded.effect, reason, occurredAt: message.statusAt }];
  }
  const transmission = (await transmissionByFlowId(deps.db, flowId)) ?? (flow.trackingId ? (await transmissionByTrackingId(deps.db, flow.trackingId))?.transmission : undefined);
  if (!transmission || transmission.lifecycleMessageId !== null) return [];
  const ack = flow.acknowledgement;
  if (!ack || ack.status === "Pending") return [];
  const errors = (ack.details ?? []).filter((d) => d.level === "Error" && d.reasonCode !== "AlreadyExistingFlow");
  if (ack.status === "Error" && errors.length === 0) return [];
  const statusCode: LifecycleStatusCode = ack.status === "Ok" ? "200" : "213";
  const reason = errors.map((d) => `${d.reasonMessage} (${d.item})`).join(" ; ") || undefined;
  const occurredAt = localOf(flow.updatedAt ?? flow.submittedAt, deps.now());
  const recorded = await recordReceivedStatus(deps.db, { ...common, invoiceId: transmission.invoiceId, statusCode, source: "acknowledgement", flowId, occurredAt, issuerRole: "WK", reasonCode: errors[0]?.reasonCode, reason });
  if (!recorded.recorded) return [];
  return [{ invoiceNumber: recorded.invoiceNumber, statusCode, label: LIFECYCLE_STATUSES[statusCode].label, effect: recorded.effect, reason, occurredAt }];
}
