import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, lte } from "drizzle-orm";
import { NotFoundError, RuleError, SystemError } from "../../engine/errors.js";
import { type Decimal, toAmountString, toDecimal } from "../../engine/money/money.js";
import { appendAudit } from "../audit/appendAudit.js";
import { actionDigest } from "../canonicalDigest.js";
import type { Database } from "../database.js";
import { type PendingActionRow, pendingActions } from "../schema/pendingActions.js";

export interface PendingAction extends Omit<PendingActionRow, "amount"> {
  readonly amount: Decimal | null;
}

function fromRow(row: PendingActionRow): PendingAction {
  return { ...row, amount: row.amount === null ? null : toDecimal(row.amount) };
}

export const DEFAULT_PENDING_TTL_SECONDS = 15 * 60;

export interface CreatePendingInput {
  readonly kind: string;
  readonly payload: unknown;
  readonly requestedBy: string;
  readonly requestedChannel?: string | undefined;
  /** Amount at stake (TTC), for approval thresholds. */
  readonly amount?: Decimal | undefined;
  readonly now?: Date | undefined;
  /** Time to live (default 15 minutes). */
  readonly ttlSeconds?: number | undefined;
}

export interface InsertPendingInput {
  /** Given by the caller when it must know it beforehand; a random UUID otherwise. */
  readonly id?: string | undefined;
  readonly kind: string;
  readonly payload: unknown;
  readonly requestedBy: string;
  readonly requestedChannel?: string | null | undefined;
  readonly amount?: Decimal | null | undefined;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * THE insert into `pending_actions` (no audit): the payload is stored as JSON and the digest is
 * `actionDigest(kind, payload)` of exactly what comes back from the database. The confirmation
 * gate (tools/confirmation) and `createPendingAction` both go through it.
 */
export async function insertPendingAction(db: Database, input: InsertPendingInput): Promise<PendingAction> {
  const payload: unknown = JSON.parse(JSON.stringify(input.payload));
  const [row] = await db
    .insert(pendingActions)
    .values({
      id: input.id ?? randomUUID(),
      kind: input.kind,
      payload,
      digest: actionDigest(input.kind, payload),
      amount: input.amount ? toAmountString(input.amount) : null,
      requestedBy: input.requestedBy,
      requestedChannel: input.requestedChannel ?? null,
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
    })
    .returning();
  if (!row) throw new SystemError("action en attente non enregistrée", { code: "pending_insert_failed" });
  return fromRow(row);
}

/**
 * Stores a proposed action: payload, digest = sha256(canonical JSON of { kind, payload }),
 * expiry. Audited as "proposed".
 */
export async function createPendingAction(db: Database, input: CreatePendingInput): Promise<PendingAction> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (input.ttlSeconds ?? DEFAULT_PENDING_TTL_SECONDS) * 1000);
  return db.transaction(async (tx) => {
    const action = await insertPendingAction(tx, {
      kind: input.kind,
      payload: input.payload,
      requestedBy: input.requestedBy,
      requestedChannel: input.requestedChannel,
      amount: input.amount,
      createdAt: now,
      expiresAt,
    });
    await appendAudit(tx, {
      actor: input.requestedBy,
      channel: input.requestedChannel ?? "unknown",
      action: "proposed",
      subjectType: input.kind,
      pendingActionId: action.id,
      payloadDigest: action.digest,
      at: now,
    });
    return action;
  });
}

export async function findPendingAction(db: Database, id: string): Promise<PendingAction | undefined> {
  const [row] = await db.select().from(pendingActions).where(eq(pendingActions.id, id));
  return row ? fromRow(row) : undefined;
}

export async function getPendingAction(db: Database, id: string): Promise<PendingAction> {
  const found = await findPendingAction(db, id);
  if (!found) throw new NotFoundError(`action en attente ${id} introuvable`, { field: "id" });
  return found;
}

/** Actions still waiting for a human (pending and not expired at `now`), oldest first. */
export async function listPendingActions(db: Database, options: { now?: Date } = {}): Promise<PendingAction[]> {
  const now = options.now ?? new Date();
  const rows = await db
    .select()
    .from(pendingActions)
    .where(and(eq(pendingActions.status, "pending"), gt(pendingActions.expiresAt, now)))
    .orderBy(asc(pendingActions.createdAt));
  return rows.map(fromRow);
}

export interface Confirmation {
  /** The digest shown to (and approved by) the human. */
  readonly digest: string;
  readonly confirmer: string;
  readonly channel: string;
  readonly now?: Date | undefined;
}

/**
 * THE single conditional update that makes an execution single-use: pending AND digest equal AND
 * not expired → executing. Returns the claimed action, or undefined when nothing matched (a
 * replay, a racing confirmation — on PostgreSQL it waits for the row lock, then re-checks —, an
 * altered payload or an expired action). Call it inside the transaction that executes, then
 * `completePendingAction` in the same transaction.
 */
export async function claimPendingAction(
  tx: Database,
  claim: { readonly id: string; readonly digest: string; readonly confirmer: string; readonly channel: string; readonly now: Date },
): Promise<PendingAction | undefined> {
  const [claimed] = await tx
    .update(pendingActions)
    .set({ status: "executing", confirmedBy: claim.confirmer, channel: claim.channel, decidedAt: claim.now })
    .where(and(eq(pendingActions.id, claim.id), eq(pendingActions.status, "pending"), eq(pendingActions.digest, claim.digest), gt(pendingActions.expiresAt, claim.now)))
    .returning();
  return claimed ? fromRow(claimed) : undefined;
}

/** executing → executed, with the execution's JSON result (same transaction as the claim). */
export async function completePendingAction(tx: Database, id: string, result: unknown): Promise<void> {
  await tx
    .update(pendingActions)
    .set({ status: "executed", result: (result === undefined ? null : JSON.parse(JSON.stringify(result))) as unknown })
    .where(and(eq(pendingActions.id, id), eq(pendingActions.status, "executing")));
}

/**
 * pending → `status` (declined, cancelled, expired, failed) with who decided, through which
 * channel and why. Returns the closed action, or undefined when it was no longer pending.
 */
export async function closePendingAction(
  db: Database,
  id: string,
  status: "declined" | "cancelled" | "expired" | "failed",
  decision: { readonly by?: string | undefined; readonly channel?: string | undefined; readonly at: Date; readonly error?: string | null | undefined },
): Promise<PendingAction | undefined> {
  const [row] = await db
    .update(pendingActions)
    .set({
      status,
      decidedAt: decision.at,
      ...(decision.by !== undefined ? { confirmedBy: decision.by } : {}),
      ...(decision.channel !== undefined ? { channel: decision.channel } : {}),
      ...(decision.error !== undefined ? { error: decision.error } : {}),
    })
    .where(and(eq(pendingActions.id, id), eq(pendingActions.status, "pending")))
    .returning();
  return row ? fromRow(row) : undefined;
}

type Refusal = { readonly refusal: RuleError | NotFoundError; readonly audit?: { action: string; details: Record<string, unknown> }; readonly expire?: boolean };

/**
 * Executes a pending action once. In ONE transaction: the conditional update (status pending AND
 * digest equal AND not expired → executing), `execute(tx, action)`, the result stored (executed),
 * audit rows "confirmed" and "executed". A second call finds nothing pending. A digest mismatch
 * ("tampered") or an expired action is refused and audited; a failing `execute` rolls everything
 * back, then the action is marked failed (audited) and the error re-thrown.
 * `execute` runs before the audit append, so lock order stays business rows → audit head.
 */
export async function executePending<R>(
  db: Database,
  id: string,
  confirmation: Confirmation,
  execute: (tx: Database, action: PendingAction) => Promise<R>,
): Promise<R> {
  const now = confirmation.now ?? new Date();
  let outcome: { ok: true; value: R } | { ok: false; refusal: Refusal };
  try {
    outcome = await db.transaction(async (tx) => {
      const action = await claimPendingAction(tx, { id, digest: confirmation.digest, confirmer: confirmation.confirmer, channel: confirmation.channel, now });
      if (!action) return { ok: false as const, refusal: await diagnose(tx, id, confirmation, now) };
      const value = await execute(tx, action);
      await completePendingAction(tx, id, value);
      await appendAudit(tx, { actor: confirmation.confirmer, channel: confirmation.channel, action: "confirmed", subjectType: action.kind, pendingActionId: id, payloadDigest: action.digest, at: now });
      await appendAudit(tx, { actor: confirmation.confirmer, channel: confirmation.channel, action: "executed", subjectType: action.kind, pendingActionId: id, payloadDigest: action.digest, at: now });
      return { ok: true as const, value };
    });
  } catch (error) {
    await markFailed(db, id, confirmation, now, error);
    throw error;
  }
  if (outcome.ok) return outcome.value;
  const { refusal } = outcome;
  if (refusal.audit || refusal.expire) {
    await db.transaction(async (tx) => {
      if (refusal.expire) await closePendingAction(tx, id, "expired", { at: now });
      if (refusal.audit) {
        await appendAudit(tx, {
          actor: confirmation.confirmer,
          channel: confirmation.channel,
          action: refusal.audit.action,
          pendingActionId: id,
          payloadDigest: confirmation.digest,
          details: refusal.audit.details,
          at: now,
        });
      }
    });
  }
  throw refusal.refusal;
}

async function diagnose(tx: Database, id: string, confirmation: Confirmation, now: Date): Promise<Refusal> {
  const row = await findPendingAction(tx, id);
  if (!row) return { refusal: new NotFoundError(`action en attente ${id} introuvable`, { field: "id" }) };
  if (row.status !== "pending") {
    return {
      refusal: new RuleError(`l'action ${id} n'est plus en attente (${STATUS_FR[row.status]}) : une confirmation ne sert qu'une fois`, { code: "not_pending" }),
    };
  }
  if (row.digest !== confirmation.digest) {
    return {
      refusal: new RuleError("la confirmation ne correspond pas à l'action proposée (contenu modifié) : rien n'a été exécuté", { field: "digest", code: "digest_mismatch" }),
      audit: { action: "tampered", details: { expected: row.digest, found: confirmation.digest } },
    };
  }
  if (row.expiresAt.getTime() <= now.getTime()) {
    return {
      refusal: new RuleError(`l'action ${id} a expiré : proposez-la de nouveau`, { code: "expired" }),
      audit: { action: "expired", details: { expiresAt: row.expiresAt.toISOString() } },
      expire: true,
    };
  }
  return { refusal: new RuleError(`l'action ${id} ne peut pas être exécutée`, { code: "not_pending" }) };
}

async function markFailed(db: Database, id: string, confirmation: Confirmation, now: Date, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.transaction(async (tx) => {
    const row = await closePendingAction(tx, id, "failed", { by: confirmation.confirmer, channel: confirmation.channel, at: now, error: message });
    if (!row) return;
    await appendAudit(tx, {
      actor: confirmation.confirmer,
      channel: confirmation.channel,
      action: "failed",
      subjectType: row.kind,
      pendingActionId: id,
      payloadDigest: row.digest,
      details: { error: message },
      at: now,
    });
  });
}

const STATUS_FR: Record<PendingActionRow["status"], string> = {
  pending: "en attente",
  executing: "en cours",
  executed: "déjà exécutée",
  declined: "refusée",
  cancelled: "annulée",
  expired: "expirée",
  failed: "échouée",
};

async function closePending(
  db: Database,
  id: string,
  status: "declined" | "cancelled",
  options: { actor: string; channel: string; reason?: string | undefined; now?: Date | undefined },
): Promise<PendingAction> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await closePendingAction(tx, id, status, { by: options.actor, channel: options.channel, at: now, error: options.reason ?? null });
    if (!row) {
      const existing = await findPendingAction(tx, id);
      if (!existing) throw new NotFoundError(`action en attente ${id} introuvable`, { field: "id" });
      throw new RuleError(`l'action ${id} n'est plus en attente (${STATUS_FR[existing.status]})`, { code: "not_pending" });
    }
    await appendAudit(tx, {
      actor: options.actor,
      channel: options.channel,
      action: status,
      subjectType: row.kind,
      pendingActionId: id,
      payloadDigest: row.digest,
      details: options.reason ? { reason: options.reason } : {},
      at: now,
    });
    return row;
  });
}

/** The human said no. Nothing happens; audited as "declined". */
export function declinePending(db: Database, id: string, options: { actor: string; channel: string; reason?: string; now?: Date }): Promise<PendingAction> {
  return closePending(db, id, "declined", options);
}

/** The requester withdrew it (or the confirmation was dismissed). Audited as "cancelled". */
export function cancelPending(db: Database, id: string, options: { actor: string; channel: string; reason?: string; now?: Date }): Promise<PendingAction> {
  return closePending(db, id, "cancelled", options);
}

/** Marks every pending action past its expiry as expired (audited); returns how many. */
export async function expirePendingActions(db: Database, options: { now?: Date; actor?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(pendingActions)
      .set({ status: "expired", decidedAt: now })
      .where(and(eq(pendingActions.status, "pending"), lte(pendingActions.expiresAt, now)))
      .returning();
    for (const row of rows.sort((a, b) => a.id.localeCompare(b.id))) {
      await appendAudit(tx, { actor: options.actor ?? "system", channel: "system", action: "expired", subjectType: row.kind, pendingActionId: row.id, payloadDigest: row.digest, at: now });
    }
    return rows.length;
  });
}
