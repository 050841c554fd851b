import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { emitCollectionMessages } from "../../db/einvoicing/collectionMessages.js";
import { type PendingTransmission, pendingTransmissions, recordDepositAttempt } from "../../db/einvoicing/transmissionQueue.js";
import { appendAudit } from "../../db/audit/appendAudit.js";
import { findClient, updateClient } from "../../db/repositories/clients.js";
import { findInvoice } from "../../db/repositories/invoiceQueries.js";
import { loadInvoiceDocument } from "../../db/repositories/loadInvoiceDocument.js";
import { lifecycleMessages } from "../../db/schema/lifecycle.js";
import { isBillingError } from "../../engine/errors.js";
import { facturxDocuments } from "../documents/facturxDocuments.js";
import { PlatformCallError, type CreateFlowOutcome, type FlowInfo } from "./flowServiceClient.js";
import { depositBackoffMs, type PlatformDeps } from "./platformDeps.js";

export interface DepositLine {
  readonly invoiceNumber: string;
  readonly trackingId: string;
  readonly flowSyntax: "Factur-X" | "CDAR";
  readonly outcome: "deposited" | "already_deposited" | "failed" | "refused";
  readonly flowId?: string | undefined;
  readonly error?: string | undefined;
  readonly retryAt?: string | undefined;
}

export interface DepositReport {
  readonly lines: readonly DepositLine[];
  /** Directory look-ups that found nothing or failed (French). */
  readonly warnings: readonly string[];
}

interface PreparedFile {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly contentType: string;
}

const safeName = (s: string) => s.replace(/[^\w.#-]/g, "_");

async function fileOf(deps: PlatformDeps, t: PendingTransmission): Promise<PreparedFile> {
  if (t.lifecycleMessageId !== null) {
    const [message] = await deps.db.select().from(lifecycleMessages).where(eq(lifecycleMessages.id, t.lifecycleMessageId));
    if (!message) throw new Error(`message ${t.lifecycleMessageId} absent`);
    return { bytes: new TextEncoder().encode(message.xml), fileName: `${safeName(t.trackingId)}.xml`, contentType: "application/xml" };
  }
  const { pdf } = await facturxDocuments(await loadInvoiceDocument(deps.db, t.invoiceId));
  return { bytes: pdf, fileName: `${safeName(t.invoiceNumber)}.pdf`, contentType: "application/pdf" };
}

/**
 * Before the first deposit to a buyer: its electronic address from the Directory Service, stored on
 * the client record (invoices issued from then on carry it; an issued one keeps the address it was
 * issued with). An unknown buyer or an unreachable directory is a warning, never a stop.
 */
async function lookUpBuyer(deps: PlatformDeps, invoiceId: number, seen: Set<number>, warnings: string[]): Promise<void> {
  if (!deps.directory) return;
  const invoice = await findInvoice(deps.db, invoiceId);
  if (!invoice || seen.has(invoice.clientId)) return;
  seen.add(invoice.clientId);
  const client = await findClient(deps.db, invoice.clientId);
  if (!client?.siren || client.electronicAddress) return;
  try {
    const address = await deps.directory.electronicAddress(client.siren, client.siret ?? undefined);
    if (!address) {
      warnings.push(`${client.name} (SIREN ${client.siren}) est introuvable dans l'annuaire de la plateforme : ses factures partent à son SIREN ; vérifiez auprès du client qu'il a choisi sa plateforme de réception.`);
      return;
    }
    await updateClient(deps.db, client.id, { electronicAddress: { scheme: "0225", value: address } });
    await appendAudit(deps.db, { actor: deps.actor, channel: deps.channel, action: "buyer_address_found", subjectType: "client", subjectId: client.id, details: { siren: client.siren, electronicAddress: address }, at: deps.now() });
  } catch (error) {
    if (!(error instanceof PlatformCallError)) throw error;
    warnings.push(`annuaire : ${error.message} pour ${client.name} (SIREN ${client.siren}) ; nouvel essai au prochain envoi.`);
  }
}

async function depositOne(deps: PlatformDeps, t: PendingTransmission): Promise<DepositLine> {
  const file = await fileOf(deps, t);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const flowInfo: FlowInfo = {
    trackingId: t.trackingId,
    name: file.fileName,
    processingRule: "B2B",
    flowSyntax: t.flowSyntax,
    ...(t.flowSyntax === "Factur-X" ? { flowProfile: "CIUS" as const } : {}),
    sha256,
  };
  const at = deps.now();
  let outcome: CreateFlowOutcome = await deps.flows.createFlow({ file: file.bytes, fileName: file.fileName, contentType: file.contentType, flowInfo });
  let already = false;
  if (outcome.kind !== "accepted" && outcome.errorCode === "AlreadyExistingFlow") {
    // The platform already has this tracking id (an earlier deposit whose answer was lost): not an error.
    try {
      const [existing] = (await deps.flows.searchFlows({ trackingId: t.trackingId, flowDirection: ["Out"] })).filter((f) => f.trackingId === t.trackingId && f.flowId);
      outcome = existing?.flowId ? { kind: "accepted", httpStatus: outcome.httpStatus ?? 0, flowId: existing.flowId, submittedAt: existing.submittedAt } : outcome;
      already = existing?.flowId !== undefined;
    } catch (error) {
      if (!(error instanceof PlatformCallError)) throw error;
      outcome = error.failure;
    }
  }
  const base = { invoiceNumber: t.invoiceNumber, trackingId: t.trackingId, flowSyntax: t.flowSyntax };
  const common = { transmissionId: t.id, at, sha256, actor: deps.actor, channel: deps.channel };
  if (outcome.kind === "accepted") {
    const result = already ? "already_deposited" : "deposited";
    await recordDepositAttempt(deps.db, { ...common, outcome: result, httpStatus: outcome.httpStatus || undefined, flowId: outcome.flowId, submittedAt: outcome.submittedAt });
    deps.log(`${t.flowSyntax === "CDAR" ? "Statut" : "Facture"} ${t.trackingId} ${already ? "déjà déposé(e)" : "déposé(e)"} sur la plateforme (flux ${outcome.flowId}).`);
    return { ...base, outcome: result, flowId: outcome.flowId };
  }
  if (outcome.kind === "retryable") {
    const retryAt = new Date(at.getTime() + depositBackoffMs(t.attempts + 1));
    await recordDepositAttempt(deps.db, { ...common, outcome: "failed", httpStatus: outcome.httpStatus, errorCode: outcome.errorCode, errorMessage: outcome.message, retryAt });
    deps.log(`${t.trackingId} : ${outcome.message} ; nouvel essai à partir de ${retryAt.toISOString()}.`);
    return { ...base, outcome: "failed", error: outcome.message, retryAt: retryAt.toISOString() };
  }
  await recordDepositAttempt(deps.db, { ...common, outcome: "refused", httpStatus: outcome.httpStatus, errorCode: outcome.errorCode, errorMessage: outcome.message });
  deps.log(`${t.trackingId} refusé par la plateforme : ${outcome.message}.`);
  return { ...base, outcome: "refused", error: outcome.message };
}

/**
 * Deposits what the outbox holds, oldest first: the documents (after the buyer's directory look-up),
 * then the 212 « Encaissée » of collections not yet reported are built, then the lifecycle messages of
 * invoices now deposited. `ignoreBackoff`: on demand (`pa send`), retry now what failed or
 * was refused. One attempt per transmission per call; each is recorded before the next starts.
 */
export async function depositTransmissions(deps: PlatformDeps, options: { readonly invoiceIds?: readonly number[] | undefined; readonly ignoreBackoff?: boolean | undefined } = {}): Promise<DepositReport> {
  const lines: DepositLine[] = [];
  const warnings: string[] = [];
  const looked = new Set<number>();
  const done = new Set<number>();
  for (let pass = 0; pass < 2; pass++) {
    // Between the two passes: the 212 of collections not yet reported, once their invoices are deposited
    // (the message then carries the platform's reception time).
    if (pass === 1) await emitCollectionMessages(deps.db, { now: deps.now(), actor: deps.actor, channel: deps.channel, invoiceIds: options.invoiceIds });
    const due = await pendingTransmissions(deps.db, { now: deps.now(), invoiceIds: options.invoiceIds, ignoreBackoff: options.ignoreBackoff });
    for (const t of due) {
      if (done.has(t.id)) continue;
      done.add(t.id);
      if (t.lifecycleMessageId === null) await lookUpBuyer(deps, t.invoiceId, looked, warnings);
      try {
        lines.push(await depositOne(deps, t));
      } catch (error) {
        if (!isBillingError(error)) throw error;
        // The document cannot be built (e.g. a rule of the Factur-X writer): recorded, shown, not retried by itself.
        await recordDepositAttempt(deps.db, { transmissionId: t.id, outcome: "refused", at: deps.now(), errorCode: error.code, errorMessage: error.message, actor: deps.actor, channel: deps.channel });
        lines.push({ invoiceNumber: t.invoiceNumber, trackingId: t.trackingId, flowSyntax: t.flowSyntax, outcome: "refused", error: error.message });
      }
    }
  }
  return { lines, warnings };
}
