import { z } from "zod";
import { creditedOn } from "../../db/repositories/creditNotes.js";
import { createDraftInvoice, type DraftLineInput } from "../../db/repositories/invoiceDrafts.js";
import { findInvoice, getInvoice, type InvoiceDetails } from "../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../db/repositories/issueInvoice.js";
import { getClient } from "../../db/repositories/clients.js";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { type Decimal, ZERO, toAmountString, toDecimal, toPlainString } from "../../engine/money/money.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import { VatExemptionSchema, VatRateSchema } from "../../engine/vat/vatRate.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { defineAction } from "../confirmation/actionDefinition.js";
import { ProposalResultSchema } from "../confirmation/proposalResult.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { defineTool } from "../toolDefinition.js";

const INVOICE_STATUS_FR = {
  draft: "brouillon",
  issued: "émise",
  sent: "envoyée",
  partially_paid: "partiellement payée",
  paid: "soldée",
  credited: "annulée par avoir",
  cancelled: "annulée",
} as const;

const PositiveAmountSchema = AmountStringSchema.refine((s) => !s.startsWith("-") && !/^0+(\.0+)?$/.test(s), { message: "doit être un montant HT strictement positif" });

const InputSchema = z.object({
  invoice: z
    .string({ error: "doit être le numéro de la facture (texte), par exemple \"F-2026-00042\"" })
    .trim()
    .min(1, "ne doit pas être vide")
    .max(64)
    .describe("numéro de la facture émise à corriger"),
  reason: z.string({ error: "doit être un texte" }).trim().min(3, "indiquez le motif de l'avoir").max(500).describe("motif, imprimé sur l'avoir"),
  amount: PositiveAmountSchema.optional().describe("avoir partiel : montant HT à créditer (facture à un seul taux de TVA)"),
  lines: z
    .array(
      z.object({
        line: z.number({ error: "doit être le rang de la ligne (0 pour la première)" }).int().min(0).describe("rang de la ligne de la facture (0 = première)"),
        amount: PositiveAmountSchema.optional().describe("montant HT à créditer sur la ligne (défaut : toute la ligne)"),
      }),
    )
    .min(1, "au moins une ligne")
    .optional()
    .describe("avoir partiel sur des lignes précises"),
});

/** Exactly what the human approves and what is executed. Amounts of lines are negative (an avoir). */
const CreditNotePayloadSchema = z.object({
  invoiceId: z.number().int().positive(),
  invoiceNumber: z.string(),
  clientId: z.number().int().positive(),
  clientName: z.string(),
  reason: z.string(),
  scope: z.enum(["total", "partial"]),
  lines: z.array(
    z.object({
      label: z.string(),
      quantity: DecimalStringSchema,
      unitPrice: DecimalStringSchema,
      net: AmountStringSchema,
      vatRate: VatRateSchema,
      vatExemption: VatExemptionSchema.optional(),
      deductsInvoiceId: z.number().int().positive().optional(),
    }),
  ),
  netAmount: AmountStringSchema,
  vatAmount: AmountStringSchema,
  amountDue: AmountStringSchema,
  /** HT still creditable on the invoice when proposed, before this avoir. */
  creditableNet: AmountStringSchema,
});
type CreditNotePayload = z.infer<typeof CreditNotePayloadSchema>;

const draftLines = (p: CreditNotePayload): DraftLineInput[] =>
  p.lines.map((l) => ({
    label: l.label,
    quantity: toDecimal(l.quantity),
    unitPrice: toDecimal(l.unitPrice),
    net: toDecimal(l.net),
    vatRate: l.vatRate,
    vatExemption: l.vatExemption,
    deductsInvoiceId: l.deductsInvoiceId,
  }));

/** HT still creditable: the invoice's HT minus the issued credit notes on it. */
async function creditableNet(db: ToolDatabase, details: InvoiceDetails, lock = false): Promise<Decimal> {
  const credited = await creditedOn(db, details.invoice.id, { lock });
  return details.invoice.netAmount.minus(credited.net);
}

export const issueCreditNoteAction = defineAction({
  kind: "issue_credit_note",
  payloadSchema: CreditNotePayloadSchema,
  preview: (p) => ({
    title: `Émission d'un avoir ${p.scope === "total" ? "total" : "partiel"} sur la facture ${p.invoiceNumber}`,
    client: p.clientName,
    lines: p.lines.map((l) => ({ label: l.label, quantity: l.quantity, unitPrice: l.unitPrice, net: l.net, vatRate: l.vatRate })),
    totals: { net: p.netAmount, vat: p.vatAmount, gross: p.amountDue },
    series: "AV",
    facts: [
      { label: "Facture corrigée", value: p.invoiceNumber },
      { label: "Motif", value: p.reason },
      { label: "Reste créditable après l'avoir", value: formatEuros(toDecimal(p.creditableNet).plus(toDecimal(p.netAmount))) + " HT" },
    ],
    amountAtStake: toAmountString(toDecimal(p.amountDue).abs()),
  }),
  async execute(p, ctx) {
    const details = await getInvoice(ctx.db, p.invoiceId);
    const remaining = await creditableNet(ctx.db, details, true);
    if (toDecimal(p.netAmount).abs().gt(remaining)) {
      throw new RuleError(`dépasse le montant encore créditable de la facture ${p.invoiceNumber} (${formatEuros(remaining)} HT) : rien n'a été émis`, {
        field: "amount",
        code: "over_credit",
      });
    }
    const { invoice: draft } = await createDraftInvoice(ctx.db, {
      kind: "credit_note",
      clientId: p.clientId,
      projectId: details.invoice.projectId ?? undefined,
      contractId: details.invoice.contractId ?? undefined,
      issueDate: ctx.today,
      lines: draftLines(p),
      correctsInvoiceId: p.invoiceId,
      correctionReason: p.reason,
      buyerReference: details.invoice.buyerReference ?? undefined,
      purchaseOrder: details.invoice.purchaseOrder ?? undefined,
      createdBy: ctx.requestedBy,
    });
    const issued = await issueInvoice(ctx.db, {
      invoiceId: draft.id,
      issueDate: ctx.today,
      actor: ctx.confirmedBy.userId,
      channel: ctx.confirmedBy.channel,
      idempotencyKey: ctx.actionId,
      pendingActionId: ctx.actionId,
    });
    // The issue set the corrected invoice's status (credited / paid / unchanged) in this transaction.
    const after = await getInvoice(ctx.db, p.invoiceId);
    const credited = await creditedOn(ctx.db, p.invoiceId);
    const balance = after.invoice.amountDue.minus(credited.gross).minus(after.invoice.amountPaid);
    const outstanding = balance.isNegative() ? ZERO : balance;
    const overpaid = balance.isNegative() ? balance.negated() : ZERO;
    const number = issued.invoice.number ?? "";
    const status = INVOICE_STATUS_FR[after.invoice.status];
    const excess = overpaid.isZero() ? "" : ` Trop-perçu de ${formatEuros(overpaid)} au crédit du client (à rembourser ou à imputer sur un prochain règlement).`;
    return {
      text: `Avoir ${number} émis sur la facture ${p.invoiceNumber} pour ${p.clientName} : ${formatEuros(issued.invoice.amountDue)} TTC. Reste dû sur la facture : ${formatEuros(outstanding)} (${status}).${excess}`,
      result: {
        creditNoteId: issued.invoice.id,
        number,
        amountDue: toAmountString(issued.invoice.amountDue),
        invoiceNumber: p.invoiceNumber,
        invoiceOutstanding: toAmountString(outstanding),
        invoiceStatus: after.invoice.status,
        clientCredit: toAmountString(overpaid),
      },
    };
  },
});

export const issueCreditNoteTool = defineTool({
  name: "issue_credit_note",
  title: "Émettre un avoir",
  description:
    "Propose un avoir sur une facture émise, total (sans montant ni lignes) ou partiel (montant HT, ou lignes précises), avec un motif. " +
    "À utiliser pour annuler ou corriger une facture émise (erreur, geste commercial, prestation non réalisée) : une facture émise ne se modifie jamais. " +
    "Refuse plus que le montant encore créditable. Rien n'est émis sans la confirmation explicite d'un humain.",
  inputSchema: InputSchema,
  outputSchema: ProposalResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  monetary: true,
  action: issueCreditNoteAction,
  async handler(args, ctx) {
    if (args.amount !== undefined && args.lines !== undefined) throw new InputError("indiquer soit amount, soit lines, pas les deux", { field: "amount" });
    const found = (await findInvoice(ctx.db, args.invoice)) ?? (/^\d{1,9}$/.test(args.invoice) ? await findInvoice(ctx.db, Number.parseInt(args.invoice, 10)) : undefined);
    if (!found) throw new NotFoundError(`aucune facture ${args.invoice}`, { field: "invoice" });
    if (found.status === "draft" || found.number === null) throw new RuleError("c'est un brouillon : il se corrige ou se supprime, sans avoir", { field: "invoice", code: "not_issued" });
    if (found.status === "cancelled") throw new RuleError(`la facture ${found.number} est annulée`, { field: "invoice" });
    if (found.status === "credited") throw new RuleError(`la facture ${found.number} est déjà annulée par avoir`, { field: "invoice", code: "over_credit" });
    if (found.kind === "credit_note") throw new RuleError(`${found.number} est un avoir : on ne crédite pas un avoir`, { field: "invoice" });
    const details = await getInvoice(ctx.db, found.id);
    const client = await getClient(ctx.db, found.clientId);
    const remaining = await creditableNet(ctx.db, details);
    if (!remaining.isPositive() || remaining.isZero()) throw new RuleError(`la facture ${found.number} est déjà entièrement créditée`, { field: "invoice", code: "over_credit" });

    const vatOf = (l: InvoiceDetails["lines"][number]) => ({ vatRate: l.vatRate, vatExemption: l.vatExemption ?? undefined });
    let lines: CreditNotePayload["lines"];
    let scope: CreditNotePayload["scope"] = "partial";
    if (args.lines !== undefined) {
      const seen = new Set<number>();
      lines = args.lines.map((wanted, i) => {
        const line = details.lines[wanted.line];
        if (!line) throw new InputError(`la facture ${found.number} n'a pas de ligne ${wanted.line} (lignes 0 à ${details.lines.length - 1})`, { field: `lines[${i}].line` });
        if (seen.has(wanted.line)) throw new InputError("ligne citée deux fois", { field: `lines[${i}].line` });
        seen.add(wanted.line);
        if (line.net.isNegative()) throw new InputError("une ligne de déduction ne se crédite pas seule : faites un avoir total", { field: `lines[${i}].line` });
        const amount = wanted.amount === undefined ? line.net : toDecimal(wanted.amount);
        if (amount.gt(line.net)) throw new RuleError(`dépasse le montant de la ligne (${formatEuros(line.net)} HT)`, { field: `lines[${i}].amount` });
        return amount.equals(line.net)
          ? { label: `Avoir sur « ${line.label} »`, quantity: toPlainString(line.quantity), unitPrice: toPlainString(line.unitPrice.negated()), net: toAmountString(line.net.negated()), ...vatOf(line) }
          : { label: `Avoir partiel sur « ${line.label} »`, quantity: "1", unitPrice: toPlainString(amount.negated()), net: toAmountString(amount.negated()), ...vatOf(line) };
      });
    } else if (args.amount !== undefined) {
      const rates = new Set(details.lines.filter((l) => !l.net.isNegative()).map((l) => `${l.vatRate}|${l.vatExemption ?? ""}`));
      const first = details.lines.find((l) => !l.net.isNegative());
      if (rates.size !== 1 || !first) throw new InputError("la facture a plusieurs taux de TVA : indiquez les lignes à créditer (lines)", { field: "amount" });
      const amount = toDecimal(args.amount);
      lines = [{ label: `Avoir partiel : ${args.reason}`, quantity: "1", unitPrice: toPlainString(amount.negated()), net: toAmountString(amount.negated()), ...vatOf(first) }];
    } else if (remaining.equals(found.netAmount)) {
      scope = "total";
      lines = details.lines.map((l) => ({
        label: `Annulation : ${l.label}`,
        quantity: toPlainString(l.quantity),
        unitPrice: toPlainString(l.unitPrice.negated()),
        net: toAmountString(l.net.negated()),
        ...vatOf(l),
        ...(l.deductsInvoiceId !== null ? { deductsInvoiceId: l.deductsInvoiceId } : {}),
      }));
    } else {
      throw new InputError(`la facture ${found.number} est déjà en partie créditée : indiquez le montant à créditer (au plus ${formatEuros(remaining)} HT)`, { field: "amount" });
    }

    const totals = computeTotals(lines.map((l) => ({ net: toDecimal(l.net), vatRate: l.vatRate, vatExemption: l.vatExemption })));
    if (totals.netAmount.abs().gt(remaining)) {
      throw new RuleError(`dépasse le montant encore créditable de la facture ${found.number} (${formatEuros(remaining)} HT)`, {
        field: args.lines !== undefined ? "lines" : "amount",
        code: "over_credit",
      });
    }
    return ctx.gate.propose(issueCreditNoteAction, {
      invoiceId: found.id,
      invoiceNumber: found.number,
      clientId: client.id,
      clientName: client.name,
      reason: args.reason,
      scope,
      lines,
      netAmount: toAmountString(totals.netAmount),
      vatAmount: toAmountString(totals.vatAmount),
      amountDue: toAmountString(totals.amountDue),
      creditableNet: toAmountString(remaining),
    });
  },
});
