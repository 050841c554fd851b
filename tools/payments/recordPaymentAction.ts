import { linkBankLineToPayment, lockUnmatchedBankLine } from "../../db/repositories/bankLines.js";
import { applyClientCredit } from "../../db/repositories/clientCredit.js";
import { recordPayment } from "../../db/repositories/recordPayment.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { fundingOf } from "../../engine/payments/splitPaymentAndCredit.js";
import { defineAction } from "../confirmation/actionDefinition.js";
import { RecordPaymentPayloadSchema } from "./recordPaymentPayload.js";
import { recordPaymentPreview } from "./recordPaymentPreview.js";

/**
 * The executor of record_payment: the statement line (locked, still unmatched), the payment with
 * its allocations, ledger entry, statuses and audit, then the client's earlier credit imputed as
 * approved — all in the confirming transaction.
 */
export const recordPaymentAction = defineAction({
  kind: "record_payment",
  payloadSchema: RecordPaymentPayloadSchema,
  preview: recordPaymentPreview,
  async execute(p, ctx) {
    // The statement line first (locked, still unmatched), so two payments never claim it.
    if (p.bankLine) await lockUnmatchedBankLine(ctx.db, p.bankLine.id);
    const funded = p.allocations.map((a) => ({ invoiceId: a.invoiceId, ...fundingOf(a) }));
    const result = await recordPayment(ctx.db, {
      clientId: p.clientId,
      amount: toDecimal(p.amount),
      receivedOn: p.receivedOn,
      method: p.method,
      reference: p.reference ?? undefined,
      payerName: p.payerName ?? undefined,
      allocations: funded.flatMap((a) => (a.fromPayment.isZero() ? [] : [{ invoiceId: a.invoiceId, amount: a.fromPayment }])),
      actor: ctx.confirmedBy.userId,
      channel: ctx.confirmedBy.channel,
      idempotencyKey: ctx.actionId,
      pendingActionId: ctx.actionId,
    });
    // Then the client's earlier credit, in the same transaction (re-checked: still available, still owed).
    const fromCredit = funded.flatMap((a) => (a.fromCredit.isZero() ? [] : [{ invoiceId: a.invoiceId, amount: a.fromCredit }]));
    const imputed =
      fromCredit.length === 0
        ? undefined
        : await applyClientCredit(ctx.db, {
            clientId: p.clientId,
            allocations: fromCredit,
            appliedOn: p.receivedOn,
            actor: ctx.confirmedBy.userId,
            channel: ctx.confirmedBy.channel,
            pendingActionId: ctx.actionId,
          });
    if (p.bankLine) await linkBankLineToPayment(ctx.db, p.bankLine.id, result.paymentId);
    const parts = p.allocations.map((a) => `${a.number} ${toDecimal(a.outstandingAfter).isZero() ? "soldée" : `reste ${formatEuros(toDecimal(a.outstandingAfter))}`}`);
    const used = imputed ? ` ; ${formatEuros(sum(imputed.sources.map((s) => s.amount)))} pris sur le crédit de ${p.clientName}` : "";
    const credit = (result.unallocated.isZero() ? "" : ` ; ${formatEuros(result.unallocated)} gardés au crédit de ${p.clientName}`) + used;
    return {
      text: `Paiement de ${formatEuros(toDecimal(p.amount))} de ${p.clientName} enregistré (n° ${result.paymentId})${parts.length > 0 ? ` : ${parts.join(", ")}` : ""}${credit}.`,
      result: {
        paymentId: result.paymentId,
        allocations: p.allocations.map((a) => ({
          number: a.number,
          amount: a.amount,
          ...(a.fromCredit !== undefined ? { fromCredit: a.fromCredit } : {}),
          outstandingAfter: a.outstandingAfter,
          status: toDecimal(a.outstandingAfter).isZero() ? "paid" : "partially_paid",
        })),
        unallocated: toAmountString(result.unallocated),
        ...(imputed ? { creditUsed: toAmountString(sum(imputed.sources.map((s) => s.amount))), creditRemaining: toAmountString(imputed.remainingCredit) } : {}),
        ...(p.bankLine ? { bankLineId: p.bankLine.id } : {}),
      },
    };
  },
});
