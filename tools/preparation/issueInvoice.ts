import { z } from "zod";
import { RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toAmountString, toDecimal, toPlainString } from "../../engine/money/money.js";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { describePaymentTerms, dueDate } from "../../engine/terms/paymentTerms.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { getClient } from "../../db/repositories/clients.js";
import { getInvoice, type InvoiceDetails } from "../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../db/repositories/issueInvoice.js";
import { checkChronological, seriesIdForKind } from "../../db/numbering/takeNextNumber.js";
import { defineAction } from "../confirmation/actionDefinition.js";
import { actionDigest } from "../../db/canonicalDigest.js";
import { ProposalResultSchema } from "../confirmation/proposalResult.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { defineTool } from "../toolDefinition.js";

const KIND_FR = { invoice: "la facture", deposit: "la facture d'acompte", credit_note: "l'avoir" } as const;

/**
 * Exactly what the human approves and what is executed: the draft as it was when proposed, with
 * the dates that will be used. Without a requested date, the invoice is dated the day it is
 * confirmed (`issueDateRule: "confirmation_day"`) — never the draft's preparation date, which a
 * later invoice may have overtaken — and the due date follows from it and the payment terms.
 */
const IssueInvoicePayloadSchema = z.object({
  invoiceId: z.number().int().positive(),
  kind: z.enum(["invoice", "deposit", "credit_note"]),
  clientId: z.number().int().positive(),
  clientName: z.string(),
  issueDate: IsoDateSchema,
  issueDateRule: z.enum(["confirmation_day", "requested"]),
  paymentTerms: z.string(),
  dueDate: IsoDateSchema,
  series: z.string(),
  lines: z.array(z.object({ label: z.string(), quantity: DecimalStringSchema, unitPrice: DecimalStringSchema, net: AmountStringSchema, vatRate: DecimalStringSchema })),
  netAmount: AmountStringSchema,
  vatAmount: AmountStringSchema,
  amountDue: AmountStringSchema,
});
type IssueInvoicePayload = z.infer<typeof IssueInvoicePayloadSchema>;

async function payloadOf(
  db: ToolDatabase,
  details: InvoiceDetails,
  issueDate: IsoDate,
  issueDateRule: IssueInvoicePayload["issueDateRule"],
): Promise<IssueInvoicePayload> {
  const { invoice, lines } = details;
  const client = await getClient(db, invoice.clientId);
  return {
    invoiceId: invoice.id,
    kind: invoice.kind,
    clientId: client.id,
    clientName: client.name,
    issueDate,
    issueDateRule,
    paymentTerms: describePaymentTerms(invoice.paymentTerms),
    dueDate: dueDate(issueDate, invoice.paymentTerms),
    series: seriesIdForKind(invoice.kind),
    lines: lines.map((l) => ({ label: l.label, quantity: toPlainString(l.quantity), unitPrice: toPlainString(l.unitPrice), net: toAmountString(l.net), vatRate: l.vatRate })),
    netAmount: toAmountString(invoice.netAmount),
    vatAmount: toAmountString(invoice.vatAmount),
    amountDue: toAmountString(invoice.amountDue),
  };
}

export const issueInvoiceAction = defineAction({
  kind: "issue_invoice",
  payloadSchema: IssueInvoicePayloadSchema,
  preview: (p) => ({
    title: `Émission de ${KIND_FR[p.kind]} (brouillon n° ${p.invoiceId}) datée du ${formatDateShortFr(p.issueDate)}`,
    client: p.clientName,
    lines: p.lines,
    totals: { net: p.netAmount, vat: p.vatAmount, gross: p.amountDue },
    dueDate: p.dueDate,
    series: p.series,
    facts: [
      { label: "Date d'émission", value: `${formatDateShortFr(p.issueDate)}${p.issueDateRule === "confirmation_day" ? " (jour de la confirmation)" : ""}` },
      { label: "Conditions de paiement", value: p.paymentTerms },
    ],
    amountAtStake: p.amountDue,
  }),
  async execute(p, ctx) {
    // The draft must still be exactly what the human approved.
    const current = await getInvoice(ctx.db, p.invoiceId);
    if (current.invoice.status !== "draft") {
      throw new RuleError(`le brouillon ${p.invoiceId} a déjà été émis (${current.invoice.number ?? "sans numéro"})`, { field: "invoiceId", code: "already_issued" });
    }
    if (p.issueDateRule === "confirmation_day" && p.issueDate !== ctx.today) {
      throw new RuleError(
        `la facture devait être datée du jour de la confirmation (${formatDateShortFr(p.issueDate)}) mais nous sommes le ${formatDateShortFr(ctx.today)} : rien n'a été émis, proposez-la à nouveau`,
        { field: "issueDate", code: "issue_date_changed" },
      );
    }
    const now = await payloadOf(ctx.db, current, p.issueDate, p.issueDateRule);
    if (actionDigest("issue_invoice", now) !== actionDigest("issue_invoice", p)) {
      throw new RuleError("le brouillon a changé depuis la proposition : rien n'a été émis, proposez-le à nouveau", { field: "invoiceId", code: "draft_changed" });
    }
    const issued = await issueInvoice(ctx.db, {
      invoiceId: p.invoiceId,
      issueDate: p.issueDate,
      actor: ctx.confirmedBy.userId,
      channel: ctx.confirmedBy.channel,
      idempotencyKey: ctx.actionId,
      pendingActionId: ctx.actionId,
    });
    const number = issued.invoice.number ?? "";
    return {
      text: `${KIND_FR[p.kind].replace(/^./, (c) => c.toUpperCase())} ${number} est émise pour ${p.clientName} : ${formatEuros(toDecimal(p.amountDue))} TTC, échéance le ${formatDateShortFr(issued.invoice.dueDate ?? p.dueDate)}.`,
      result: { invoiceId: issued.invoice.id, number, amountDue: toAmountString(issued.invoice.amountDue), dueDate: issued.invoice.dueDate ?? p.dueDate },
    };
  },
});

/** issue_invoice: proposes issuing a draft (number, ledger, document); a human must confirm. */
export const issueInvoiceTool = defineTool({
  name: "issue_invoice",
  title: "Émettre une facture",
  description:
    "Propose l'émission d'un brouillon de facture (numéro définitif, écritures comptables). À utiliser quand l'utilisateur demande " +
    "d'émettre ou d'envoyer une facture déjà préparée (prepare_invoice_draft). Rien n'est émis sans la confirmation explicite d'un humain : " +
    "l'outil renvoie l'action en attente, ou son résultat si l'utilisateur l'a acceptée dans le formulaire.",
  inputSchema: z.object({
    invoiceId: z.number({ error: "doit être l'identifiant numérique du brouillon" }).int().positive().describe("identifiant du brouillon de facture"),
    issueDate: IsoDateSchema.optional().describe("date d'émission AAAA-MM-JJ (défaut : aujourd'hui, le jour de la confirmation ; l'échéance en découle)"),
  }),
  outputSchema: ProposalResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  monetary: true,
  action: issueInvoiceAction,
  async handler(args, ctx) {
    const details = await getInvoice(ctx.db, args.invoiceId);
    if (details.invoice.status !== "draft") {
      throw new RuleError(`la facture ${details.invoice.number ?? args.invoiceId} est déjà émise`, { field: "invoiceId", code: "already_issued" });
    }
    const issueDate = args.issueDate ?? ctx.today();
    // Refuse now what the numbering would refuse at confirmation (re-checked under lock then).
    await checkChronological(ctx.db, seriesIdForKind(details.invoice.kind), issueDate);
    const payload = await payloadOf(ctx.db, details, issueDate, args.issueDate === undefined ? "confirmation_day" : "requested");
    return ctx.gate.propose(issueInvoiceAction, payload);
  },
});
