import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toDecimal } from "../../engine/money/money.js";
import type { ActionPreview } from "../confirmation/actionPreview.js";
import { PAYMENT_METHOD_LABELS } from "./paymentMethodLabels.js";
import type { RecordPaymentPayload } from "./recordPaymentPayload.js";

/** What the human approves before a payment is recorded, rendered from the stored payload only. */
export function recordPaymentPreview(p: RecordPaymentPayload): ActionPreview {
  return {
    title: `Enregistrement d'un paiement reçu de ${formatEuros(toDecimal(p.amount))}`,
    client: p.clientName,
    // Amounts received are TTC: shown as facts (preview lines are HT invoice lines).
    lines: [],
    facts: [
      { label: "Montant reçu", value: formatEuros(toDecimal(p.amount)) },
      ...p.allocations.map((a) => ({
        label: `Affecté à la facture ${a.number}`,
        value:
          `${formatEuros(toDecimal(a.amount))}` +
          (a.fromCredit !== undefined && !toDecimal(a.fromCredit).isZero() ? ` dont ${formatEuros(toDecimal(a.fromCredit))} pris sur le crédit client` : "") +
          ` (reste dû ${formatEuros(toDecimal(a.outstandingBefore))} → ${formatEuros(toDecimal(a.outstandingAfter))})`,
      })),
      ...(p.clientCredit
        ? [{ label: "Crédit client (trop-perçus antérieurs)", value: `${formatEuros(toDecimal(p.clientCredit.available))} disponibles, ${formatEuros(toDecimal(p.clientCredit.used))} imputés ici` }]
        : []),
      { label: "Reçu le", value: formatDateShortFr(p.receivedOn) },
      { label: "Mode de paiement", value: PAYMENT_METHOD_LABELS[p.method] },
      ...(p.reference ? [{ label: "Référence", value: p.reference }] : []),
      ...(p.payerName ? [{ label: "Payeur", value: p.payerName }] : []),
      { label: "Affectation", value: p.mode === "automatic" ? "automatique, plus ancienne échéance d'abord" : "indiquée par l'utilisateur" },
      { label: "Trop-perçu gardé au crédit du client", value: formatEuros(toDecimal(p.unallocated)) },
      ...(p.bankLine ? [{ label: "Ligne de relevé rapprochée", value: `n° ${p.bankLine.id} du ${formatDateShortFr(p.bankLine.bookingDate)} : ${p.bankLine.label}` }] : []),
    ],
    amountAtStake: p.amount,
  };
}
