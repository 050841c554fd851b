import { z } from "zod";
import { findBankLine } from "../../db/repositories/bankLines.js";
import { clientCredit } from "../../db/repositories/clientCredit.js";
import { findClient } from "../../db/repositories/clients.js";
import { engineId, rowIdOf } from "../../db/repositories/engineId.js";
import { findInvoice } from "../../db/repositories/invoiceQueries.js";
import { loadReceivablesSnapshot } from "../../db/repositories/receivablesSnapshot.js";
import { PAYMENT_METHODS } from "../../db/repositories/recordPayment.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { type BillingError, InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { ZERO, isDecimalString, toAmountString, toDecimal } from "../../engine/money/money.js";
import { allocatePayment, type ExplicitAllocation } from "../../engine/payments/allocatePayment.js";
import type { OpenInvoice } from "../../engine/payments/openInvoice.js";
import { splitPaymentAndCredit } from "../../engine/payments/splitPaymentAndCredit.js";
import type { InvoiceReceivable } from "../../engine/receivables/invoiceReceivable.js";
import { receivablesAsOf } from "../../engine/receivables/receivablesAsOf.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { ProposalResultSchema } from "../confirmation/proposalResult.js";
import { defineTool } from "../toolDefinition.js";
import { InvoiceReferenceSchema } from "./invoiceReference.js";
import { recordPaymentAction } from "./recordPaymentAction.js";
import type { RecordPaymentPayload } from "./recordPaymentPayload.js";

const PositiveAmountSchema = AmountStringSchema.refine((s) => !isDecimalString(s) || toDecimal(s).greaterThan(ZERO), { message: "doit être strictement positif" });

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

/** An allocation on an invoice with nothing left to pay: says why (paid, credited) and what to do instead. */
function settledInvoiceError(position: InvoiceReceivable, clientName: string, field: string): RuleError {
  const paid = `${formatEuros(position.paid)} reçus`;
  const why = position.paid.isZero() ? "annulée par avoir" : position.credited.isZero() ? paid : `${paid}, ${formatEuros(position.credited)} d'avoir`;
  return new RuleError(
    `la facture ${position.number} est déjà soldée (${why}) : il ne reste rien à y affecter ; indiquez une autre facture de ${clientName}, ou enregistrez le paiement sans facture pour l'affecter à la plus ancienne échéance (le surplus reste au crédit du client)`,
    { field, code: "invoice_settled" },
  );
}

/** The engine's name of a field → this tool's (`explicit[1].amount` → `allocations[1].amount`); the error itself is unchanged. */
function onToolFields(error: BillingError): BillingError {
  const field = error.field;
  if (field === undefined) return error;
  return error.withField(field.replace(/^explicit/, "allocations").replace(/\.invoiceId$/, ".invoice").replace(/^payment\.amount$/, "amount"));
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
    const positions = receivablesAsOf(snapshot.documents, snapshot.allocations, today);
    const open: OpenInvoice[] = positions.filter((r) => r.outstanding.greaterThan(ZERO)).map((r) => ({ ...r, clientName: client.name }));
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
      const position = positions.find((r) => r.invoiceId === doc.id);
      if (!position) throw new RuleError(`la facture ${doc.number} est datée du ${formatDateShortFr(doc.issueDate)}, après aujourd'hui (${formatDateShortFr(today)}) : elle ne peut pas encore être réglée`, { field: `allocations[${i}].invoice`, code: "invoice_not_yet_issued" });
      if (!position.outstanding.greaterThan(ZERO)) throw settledInvoiceError(position, client.name, `allocations[${i}].invoice`);
      explicit?.push({ invoiceId: doc.id, amount: toDecimal(a.amount) });
    }
    const amount = toDecimal(args.amount);
    // The client's credit (earlier overpayments) is imputed only when asked, after this payment's money.
    const credit = await clientCredit(ctx.db, clientId);
    const creditUsable = args.useClientCredit ? credit.total : ZERO;
    const planned = allocatePayment({ clientId: engineId(clientId), amount: amount.plus(creditUsable), date: receivedOn }, open, explicit);
    if (!planned.ok) throw onToolFields(planned.error);
    const split = splitPaymentAndCredit(amount, planned.value.allocations);
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
      allocations: split.allocations.map((a) => ({
        invoiceId: rowIdOf(a.invoiceId),
        number: a.number,
        amount: toAmountString(a.amount),
        ...(args.useClientCredit ? { fromCredit: toAmountString(a.fromCredit) } : {}),
        outstandingBefore: toAmountString(before.get(a.invoiceId) ?? a.amount),
        outstandingAfter: toAmountString(a.outstandingAfter),
      })),
      unallocated: toAmountString(split.unallocated),
      ...(credit.total.isZero() ? {} : { clientCredit: { available: toAmountString(credit.total), used: toAmountString(split.creditUsed) } }),
      ...(bankLine ? { bankLine: { id: bankLine.id, bookingDate: bankLine.bookingDate, label: bankLine.label } } : {}),
    };
    return ctx.gate.propose(recordPaymentAction, payload);
  },
});
