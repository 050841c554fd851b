import { z } from "zod";
import { findBankLine, linkBankLineToPayment, lockUnmatchedBankLine } from "../../db/repositories/bankLines.js";
import { applyClientCredit, clientCredit } from "../../db/repositories/clientCredit.js";
import { findClient } from "../../db/repositories/clients.js";
import { findInvoice } from "../../db/repositories/invoices.js";
import { loadReceivablesSnapshot } from "../../db/repositories/receivablesSnapshot.js";
import { PAYMENT_METHODS, recordPayment } from "../../db/repositories/recordPayment.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { BillingError, InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { Decimal, ZERO, isDecimalString, sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { allocatePayment, type ExplicitAllocation } from "../../engine/payments/allocatePayment.js";
import type { OpenInvoice } from "../../engine/payments/openInvoice.js";
import { receivablesAsOf } from "../../engine/receivables/receivablesAsOf.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineAction } from "../confirmation/actionDefinition.js";
import { ProposalResultSchema } from "../confirmation/proposalResult.js";
import { defineTool } from "../toolDefinition.js";
import { InvoiceReferenceSchema } from "./invoiceReference.js";

export const PAYMENT_METHOD_LABELS: Readonly<Record<(typeof PAYMENT_METHODS)[number], string>> = {
  transfer: "virement",
  cheque: "chèque",
  direct_debit: "prélèvement",
  card: "carte bancaire",
  cash: "espèces",
  other: "autre",
};

const PositiveAmountSchema = AmountStringSchema.refine((s) => !isDecimalString(s) || toDecimal(s).greaterThan(ZERO), { message: "doit être strictement positif" });

/** The exact payload a human approves (and the executor records): JSON only, amounts as strings. */
const RecordPaymentPayloadSchema = z.object({
  clientId: z.number().int().positive(),
  clientName: z.string(),
  amount: AmountStringSchema,
  receivedOn: IsoDateSchema,
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  payerName: z.string().nullable(),
  mode: z.enum(["automatic", "explicit"]),
  allocations: z.array(
    z.object({
      invoiceId: z.number().int().positive(),
      number: z.string(),
      amount: AmountStringSchema,
      /** The part of `amount` taken from the client's credit (earlier overpayments), the rest from this payment. */
      fromCredit: AmountStringSchema.optional(),
      outstandingBefore: AmountStringSchema,
      outstandingAfter: AmountStringSchema,
    }),
  ),
  /** The part of this payment left unallocated (kept as the client's credit). */
  unallocated: AmountStringSchema,
  /** The client's credit before this payment, and how much of it this action imputes. */
  clientCredit: z.object({ available: AmountStringSchema, used: AmountStringSchema }).optional(),
  /** The imported bank statement line this payment comes from (linked to the payment on execution). */
  bankLine: z.object({ id: z.number().int().positive(), bookingDate: IsoDateSchema, label: z.string() }).optional(),
});
type RecordPaymentPayload = z.infer<typeof RecordPaymentPayloadSchema>;

/** The executor: records payment, allocations, ledger entry, statuses and audit in one transaction. */
export const recordPaymentAction = defineAction({
  kind: "record_payment",
  payloadSchema: RecordPaymentPayloadSchema,
  preview: (p: RecordPaymentPayload) => ({
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
  }),
  async execute(p, ctx) {
    // The statement line first (locked, still unmatched), so two payments never claim it.
    if (p.bankLine) await lockUnmatchedBankLine(ctx.db, p.bankLine.id);
    const result = await recordPayment(ctx.db, {
      clientId: p.clientId,
      amount: toDecimal(p.amount),
      receivedOn: p.receivedOn,
      method: p.method,
      reference: p.reference ?? undefined,
      payerName: p.payerName ?? undefined,
      allocations: p.allocations.flatMap((a) => {
        const own = toDecimal(a.amount).minus(toDecimal(a.fromCredit ?? "0"));
        return own.isZero() ? [] : [{ invoiceId: a.invoiceId, amount: own }];
      }),
      actor: ctx.confirmedBy.userId,
      channel: ctx.confirmedBy.channel,
      idempotencyKey: ctx.actionId,
      pendingActionId: ctx.actionId,
    });
    // Then the client's earlier credit, in the same transaction (re-checked: still available, still owed).
    const fromCredit = p.allocations.flatMap((a) => (a.fromCredit !== undefined && !toDecimal(a.fromCredit).isZero() ? [{ invoiceId: a.invoiceId, amount: toDecimal(a.fromCredit) }] : []));
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

const InputSchema = z.object({
  clientId: z.number().int().positive().optional().describe("client qui paie (identifiant donné par find_client) ; déduit des factures indiquées s'il manque"),
  amount: PositiveAmountSchema.describe("montant reçu en euros, en texte : \"1200.00\""),
  receivedOn: IsoDateSchema.optional().describe("date de réception AAAA-MM-JJ (aujourd'hui par défaut)"),
  method: z.enum(PAYMENT_METHODS, { error: "mode inconnu (transfer, cheque, direct_debit, card, cash, other)" }).default("transfer").describe("transfer (virement), cheque, direct_debit (prélèvement), card, cash, other"),
  reference: z.string().trim().min(1, "ne peut pas être vide").max(140, "140 caractères au plus").optional().describe("référence ou libellé bancaire"),
  payerName: z.string().trim().min(1, "ne peut pas être vide").max(140, "140 caractères au plus").optional(),
  allocations: z
    .array(z.object({ invoice: InvoiceReferenceSchema, amount: PositiveAmountSchema }))
    .min(1, "au moins une facture, ou omettre le champ pour l'affectation automatique")
    .optional()
    .describe("répartition explicite sur des factures ; sans ce champ, affectation automatique à la plus ancienne échéance d'abord. Le reste est gardé en trop-perçu."),
  useClientCredit: z
    .boolean({ error: "doit valoir true ou false" })
    .default(false)
    .describe("true pour imputer aussi le crédit du client (trop-perçus de paiements antérieurs) sur les factures, après ce paiement"),
  bankLineId: z.number().int().positive().optional().describe("ligne de relevé importée dont vient ce paiement (donnée par match_bank_statement) : elle lui sera rattachée"),
});

/** Re-labels an engine refusal on the tool's own field names (`explicit[1].amount` → `allocations[1].amount`). */
function onToolFields(error: BillingError): BillingError {
  const field = error.field;
  if (field === undefined) return error;
  const renamed = field.replace(/^explicit/, "allocations").replace(/^payment\.amount$/, "amount");
  const message = error.message.startsWith(`${field} : `) ? error.message.slice(field.length + 3) : error.message;
  return error instanceof RuleError ? new RuleError(message, { field: renamed, code: error.code }) : new InputError(message, { field: renamed, code: error.code });
}

/** record_payment: proposes a payment received and its allocation; nothing is recorded before a human confirms. */
export const recordPaymentTool = defineTool({
  name: "record_payment",
  title: "Enregistrer un paiement reçu",
  description:
    "Propose d'enregistrer un paiement reçu d'un client (montant, date, mode, référence), total ou partiel, affecté aux factures " +
    "indiquées ou automatiquement à la plus ancienne échéance d'abord ; l'excédent reste au crédit du client (trop-perçu). " +
    "Rien n'est enregistré tant qu'un humain n'a pas confirmé : la réponse donne l'action en attente et l'aperçu. Après confirmation : " +
    "paiement, lettrage, écriture en banque (512/411, TVA sur encaissements), statuts des factures et journal d'audit.",
  inputSchema: InputSchema,
  outputSchema: ProposalResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  monetary: true,
  action: recordPaymentAction,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const receivedOn = args.receivedOn ?? today;
    if (receivedOn > today) throw new InputError(`ne peut pas être postérieure à aujourd'hui (${formatDateShortFr(today)})`, { field: "receivedOn" });

    // The client: given, or the one of the invoices named.
    let clientId = args.clientId;
    if (clientId === undefined) {
      const first = args.allocations?.[0];
      if (!first) throw new InputError("indiquez le client qui paie, ou les factures réglées", { field: "clientId" });
      const invoice = await findInvoice(ctx.db, first.invoice);
      if (!invoice) throw new NotFoundError(`aucune facture ${first.invoice}`, { field: "allocations[0].invoice" });
      clientId = invoice.clientId;
    }
    const client = await findClient(ctx.db, clientId);
    if (!client) throw new NotFoundError(`client ${clientId} introuvable`, { field: "clientId" });
    const bankLine = args.bankLineId === undefined ? undefined : await findBankLine(ctx.db, args.bankLineId);
    if (args.bankLineId !== undefined) {
      if (!bankLine) throw new NotFoundError(`ligne de relevé ${args.bankLineId} introuvable`, { field: "bankLineId" });
      if (bankLine.paymentId !== null) throw new RuleError(`la ligne de relevé ${bankLine.id} est déjà rapprochée du paiement n° ${bankLine.paymentId}`, { field: "bankLineId", code: "bank_line_already_matched" });
      if (!toDecimal(bankLine.amount).equals(toDecimal(args.amount))) {
        throw new RuleError(`le montant reçu (${formatEuros(toDecimal(args.amount))}) diffère de celui de la ligne de relevé ${bankLine.id} (${formatEuros(toDecimal(bankLine.amount))})`, { field: "bankLineId", code: "bank_line_amount_mismatch" });
      }
    }

    const snapshot = await loadReceivablesSnapshot(ctx.db, { clientId });
    const open: OpenInvoice[] = receivablesAsOf(snapshot.documents, snapshot.allocations, today)
      .filter((r) => r.outstanding.greaterThan(ZERO))
      .map((r) => ({ ...r, clientName: client.name }));
    const byNumber = new Map(snapshot.documents.map((d) => [d.number, d]));
    const explicit: ExplicitAllocation[] | undefined = args.allocations === undefined ? undefined : [];
    for (const [i, a] of (args.allocations ?? []).entries()) {
      const doc = byNumber.get(a.invoice);
      if (!doc) {
        const elsewhere = await findInvoice(ctx.db, a.invoice);
        if (elsewhere && elsewhere.clientId !== clientId) {
          throw new RuleError(`la facture ${a.invoice} n'est pas celle du client qui paie (${client.name})`, { field: `allocations[${i}].invoice`, code: "other_client" });
        }
        throw new NotFoundError(`aucune facture émise ${a.invoice} pour ${client.name}`, { field: `allocations[${i}].invoice` });
      }
      if (doc.kind === "credit_note") throw new RuleError(`${doc.number} est un avoir : il ne se règle pas`, { field: `allocations[${i}].invoice` });
      explicit?.push({ invoiceId: doc.id, amount: toDecimal(a.amount) });
    }
    const amount = toDecimal(args.amount);
    // The client's credit (earlier overpayments) is imputed only when asked, after this payment's money.
    const credit = await clientCredit(ctx.db, clientId);
    const creditUsable = args.useClientCredit ? credit.total : ZERO;
    const planned = allocatePayment({ clientId: String(clientId), amount: amount.plus(creditUsable), date: receivedOn }, open, explicit);
    if (!planned.ok) throw onToolFields(planned.error);
    let ownLeft = amount;
    const split = planned.value.allocations.map((a) => {
      const own = Decimal.min(a.amount, ownLeft);
      ownLeft = ownLeft.minus(own);
      return { ...a, fromCredit: a.amount.minus(own) };
    });
    const creditUsed = sum(split.map((a) => a.fromCredit));
    const before = new Map(open.map((o) => [o.invoiceId, o.outstanding]));
    const payload: RecordPaymentPayload = {
      clientId,
      clientName: client.name,
      amount: toAmountString(amount),
      receivedOn,
      method: args.method,
      reference: args.reference ?? null,
      payerName: args.payerName ?? null,
      mode: explicit === undefined ? "automatic" : "explicit",
      allocations: split.map((a) => ({
        invoiceId: Number.parseInt(a.invoiceId, 10),
        number: a.number,
        amount: toAmountString(a.amount),
        ...(args.useClientCredit ? { fromCredit: toAmountString(a.fromCredit) } : {}),
        outstandingBefore: toAmountString(before.get(a.invoiceId) ?? a.amount),
        outstandingAfter: toAmountString(a.outstandingAfter),
      })),
      unallocated: toAmountString(ownLeft),
      ...(credit.total.isZero() ? {} : { clientCredit: { available: toAmountString(credit.total), used: toAmountString(creditUsed) } }),
      ...(bankLine ? { bankLine: { id: bankLine.id, bookingDate: bankLine.bookingDate, label: bankLine.label } } : {}),
    };
    return ctx.gate.propose(recordPaymentAction, payload);
  },
});
