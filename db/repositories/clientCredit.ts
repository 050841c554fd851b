import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { checkAllocations } from "./checkAllocations.js";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { NotFoundError, RuleError } from "../../engine/errors.js";
import { postPayment } from "../../engine/ledger/postPayment.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { Decimal, ZERO, sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { appendAudit } from "../audit/appendAudit.js";
import { actionDigest } from "../canonicalDigest.js";
import type { Database } from "../database.js";
import { writeJournalEntry } from "../ledger/writeJournalEntry.js";
import { withDatabaseErrors } from "../postgresError.js";
import { clients } from "../schema/clients.js";
import { paymentAllocations, payments } from "../schema/payments.js";
import { applyAllocations, planAllocations, type RecordedAllocation } from "./recordPayment.js";
import { findSellerSettings } from "./seller.js";

/** A client's credit (trop-perçu): the unallocated parts of its payments, still on 411 in its favour. */
export interface ClientCredit {
  readonly total: Decimal;
  /** Oldest payment first: the order credits are imputed in. */
  readonly payments: readonly { readonly paymentId: number; readonly receivedOn: IsoDate; readonly available: Decimal }[];
}

/** The client's available credit (one grouped query); with `lock`, its payments are locked (FOR UPDATE). */
export async function clientCredit(db: Database, clientId: number, options: { readonly lock?: boolean } = {}): Promise<ClientCredit> {
  if (options.lock) await db.select({ id: payments.id }).from(payments).where(eq(payments.clientId, clientId)).orderBy(asc(payments.id)).for("update");
  const rows = await db
    .select({
      paymentId: payments.id,
      receivedOn: payments.receivedOn,
      available: sql<string>`(${payments.amount} - coalesce(sum(${paymentAllocations.amount}), 0))::text`,
    })
    .from(payments)
    .leftJoin(paymentAllocations, eq(paymentAllocations.paymentId, payments.id))
    .where(eq(payments.clientId, clientId))
    .groupBy(payments.id)
    .orderBy(asc(payments.receivedOn), asc(payments.id));
  const open = rows.map((r) => ({ paymentId: r.paymentId, receivedOn: r.receivedOn, available: toDecimal(r.available) })).filter((r) => r.available.greaterThan(ZERO));
  return { total: sum(open.map((r) => r.available)), payments: open };
}

export interface ApplyClientCreditInput {
  readonly clientId: number;
  /** The invoices to settle with the credit, and how much on each. */
  readonly allocations: readonly { readonly invoiceId: number; readonly amount: Decimal }[];
  /** The day the credit is imputed (dates the allocations and the OD entry). */
  readonly appliedOn: IsoDate;
  readonly actor: string;
  readonly channel: string;
  readonly pendingActionId?: string | undefined;
}

export interface ApplyClientCreditResult {
  readonly allocations: readonly RecordedAllocation[];
  /** Which earlier payments the credit came from, and how much of each. */
  readonly sources: readonly { readonly paymentId: number; readonly amount: Decimal }[];
  readonly remainingCredit: Decimal;
}

/**
 * Imputes a client's credit (the unallocated parts of its earlier payments, oldest first) on its
 * invoices, in ONE transaction: lock the invoices (by id) then the client's payments, re-check each
 * allocation against what is left to pay now and the credit available now, add the allocations
 * (dated `appliedOn`) to the source payments, update the invoices' paid amounts and statuses, post
 * one OD entry per source payment (D 411 unallocated / C 411 invoice, and the VAT the payment makes
 * due 44574 → 44571), and append the audit row. Any refusal rolls everything back.
 */
export async function applyClientCredit(db: Database, input: ApplyClientCreditInput): Promise<ApplyClientCreditResult> {
  checkAllocations(input.allocations);
  const wanted = sum(input.allocations.map((a) => a.amount));
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const [client] = await tx.select().from(clients).where(eq(clients.id, input.clientId));
      if (!client) throw new NotFoundError(`client ${input.clientId} introuvable`, { field: "clientId" });
      const plan = await planAllocations(tx, input.clientId, input.allocations);
      const credit = await clientCredit(tx, input.clientId, { lock: true });
      if (wanted.greaterThan(credit.total)) {
        throw new RuleError(`le crédit disponible de ${client.name} (${formatEuros(credit.total)}) ne couvre pas ${formatEuros(wanted)}`, {
          field: "allocations",
          code: "insufficient_credit",
        });
      }
      const seller = await findSellerSettings(tx);
      // Split each allocation over the source payments, oldest first (a payment allocates once per invoice).
      const sourceIds = credit.payments.map((p) => p.paymentId);
      const already = new Set(
        sourceIds.length === 0
          ? []
          : (
              await tx
                .select({ paymentId: paymentAllocations.paymentId, invoiceId: paymentAllocations.invoiceId })
                .from(paymentAllocations)
                .where(and(inArray(paymentAllocations.paymentId, sourceIds), inArray(paymentAllocations.invoiceId, input.allocations.map((a) => a.invoiceId))))
            ).map((r) => `${r.paymentId}:${r.invoiceId}`),
      );
      const sources = credit.payments.map((p) => ({ ...p, left: p.available, pieces: [] as { planIndex: number; amount: Decimal }[] }));
      plan.forEach((p, planIndex) => {
        let rest = p.amount;
        for (const source of sources) {
          if (rest.isZero()) break;
          if (already.has(`${source.paymentId}:${p.invoice.id}`)) continue;
          const take = Decimal.min(rest, source.left);
          if (take.isZero()) continue;
          source.pieces.push({ planIndex, amount: take });
          source.left = source.left.minus(take);
          rest = rest.minus(take);
        }
        if (!rest.isZero()) {
          throw new RuleError(`le crédit disponible ne peut pas couvrir ${formatEuros(p.amount)} sur la facture ${p.number}`, { field: `allocations[${planIndex}].amount`, code: "insufficient_credit" });
        }
      });
      const paidSoFar = plan.map((p) => p.paidBefore);
      const vatSoFar = plan.map((p) => p.vatTransferredBefore);
      const recorded: RecordedAllocation[] = [];
      const used: { paymentId: number; amount: Decimal }[] = [];
      for (const source of sources.filter((s) => s.pieces.length > 0)) {
        const taken = sum(source.pieces.map((x) => x.amount));
        const label = `Imputation du trop-perçu du ${formatDateShortFr(source.receivedOn)} (règlement n° ${source.paymentId}) — ${client.name}`;
        const allocations = source.pieces.map((piece) => {
          const p = plan[piece.planIndex]!;
          return {
            invoiceId: p.invoice.id,
            number: p.number,
            amount: piece.amount,
            invoiceAmountDue: p.netDue,
            invoiceVatAmount: p.netVat,
            paidBefore: paidSoFar[piece.planIndex]!,
            vatTransferredBefore: vatSoFar[piece.planIndex]!,
          };
        });
        const entry = postPayment({ date: input.appliedOn, label, amount: taken, allocations, vatOnDebits: seller?.vatOnDebits ?? false, fundedBy: "clientCredit" });
        for (const [k, piece] of source.pieces.entries()) {
          const vatLine = entry.lines.find((l) => l.account === "44571" && l.invoiceId === allocations[k]!.invoiceId);
          paidSoFar[piece.planIndex] = paidSoFar[piece.planIndex]!.plus(piece.amount);
          vatSoFar[piece.planIndex] = vatSoFar[piece.planIndex]!.plus(vatLine?.credit ?? ZERO);
        }
        const piecesPlan = source.pieces.map((piece) => {
          const p = plan[piece.planIndex]!;
          const paidBefore = paidSoFar[piece.planIndex]!.minus(piece.amount);
          return { ...p, amount: piece.amount, paidBefore, outstandingAfter: p.netDue.minus(paidBefore).minus(piece.amount) };
        });
        await writeJournalEntry(tx, entry, { paymentId: source.paymentId });
        recorded.push(...(await applyAllocations(tx, piecesPlan, source.paymentId, input.appliedOn)));
        used.push({ paymentId: source.paymentId, amount: taken });
      }
      const facts = {
        clientId: input.clientId,
        appliedOn: input.appliedOn,
        allocations: recorded.map((r) => ({ number: r.number, amount: toAmountString(r.amount) })),
        sources: used.map((u) => ({ paymentId: u.paymentId, amount: toAmountString(u.amount) })),
      };
      await appendAudit(tx, {
        actor: input.actor,
        channel: input.channel,
        action: "client_credit_applied",
        subjectType: "client",
        subjectId: input.clientId,
        pendingActionId: input.pendingActionId,
        payloadDigest: actionDigest("client_credit_applied", facts),
        details: facts,
      });
      return { allocations: recorded, sources: used, remainingCredit: credit.total.minus(wanted) };
    }),
  );
}

