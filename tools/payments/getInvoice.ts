import { z } from "zod";
import { clientCredit } from "../../db/repositories/clientCredit.js";
import { getClient } from "../../db/repositories/clients.js";
import { getInvoice, listInvoices } from "../../db/repositories/invoiceQueries.js";
import { getProject } from "../../db/repositories/projects.js";
import { loadReceivablesSnapshot } from "../../db/repositories/receivablesSnapshot.js";
import { dunningLevelOfColumn } from "../../db/repositories/reminderLevelColumn.js";
import { INVOICE_KINDS } from "../../db/schema/invoices.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { DUNNING_LEVEL_LABELS, DunningLevelSchema } from "../../engine/dunning/dunningLevel.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toAmountString, toDecimal, toPlainString } from "../../engine/money/money.js";
import { AgingBucketSchema, agingBucketOf } from "../../engine/receivables/agingReport.js";
import { receivablesAsOf } from "../../engine/receivables/receivablesAsOf.js";
import { describePaymentTerms } from "../../engine/terms/paymentTerms.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { TransmissionViewSchema, transmissionViews } from "../einvoicing/transmissionView.js";
import { displayStatusLabel, displayStatusOf, InvoiceDisplayStatusSchema } from "./invoiceDisplayStatus.js";
import { InvoiceReferenceSchema, resolveInvoice } from "./invoiceReference.js";

const METHOD_LABELS = { transfer: "virement", cheque: "chèque", direct_debit: "prélèvement", card: "carte", cash: "espèces", other: "autre" } as const;

const InputSchema = z.object({ invoice: InvoiceReferenceSchema });

export const GetInvoiceOutputSchema = z.object({
  invoiceId: z.number().int(),
  number: z.string().nullable(),
  kind: z.enum(INVOICE_KINDS),
  status: InvoiceDisplayStatusSchema,
  statusLabel: z.string(),
  client: z.object({ id: z.number().int(), name: z.string() }),
  project: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  issueDate: IsoDateSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
  paymentTerms: z.string(),
  lines: z.array(
    z.object({
      label: z.string(),
      quantity: DecimalStringSchema,
      unitCode: z.string(),
      unitPrice: DecimalStringSchema,
      net: AmountStringSchema,
      vatRate: DecimalStringSchema,
      vatExemption: z.string().nullable(),
    }),
  ),
  totals: z.object({ net: AmountStringSchema, vat: AmountStringSchema, gross: AmountStringSchema }),
  /** As of today; null for drafts, cancelled documents and credit notes. */
  receivable: z
    .object({
      asOf: IsoDateSchema,
      credited: AmountStringSchema,
      paid: AmountStringSchema,
      outstanding: AmountStringSchema,
      overpaid: AmountStringSchema,
      daysOverdue: z.number().int(),
      agingBucket: AgingBucketSchema,
    })
    .nullable(),
  payments: z.array(z.object({ paymentId: z.number().int(), receivedOn: IsoDateSchema, amount: AmountStringSchema, method: z.string(), reference: z.string().nullable() })),
  creditNotes: z.array(z.object({ invoiceId: z.number().int(), number: z.string().nullable(), issueDate: IsoDateSchema.nullable(), amount: AmountStringSchema, reason: z.string().nullable() })),
  /** For a credit note: the invoice it corrects. */
  corrects: z.object({ invoiceId: z.number().int(), number: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  reminders: z.array(z.object({ level: DunningLevelSchema, label: z.string(), date: IsoDateSchema, status: z.enum(["drafted", "sent"]), channel: z.string() })),
  dispute: z.object({ disputed: z.boolean(), reason: z.string().nullable(), since: z.iso.datetime().nullable() }),
  /** The client's credit not yet imputed on any invoice (unallocated parts of its payments): record_payment with useClientCredit uses it. */
  clientCredit: AmountStringSchema.describe("crédit du client non imputé (trop-perçus de paiements), utilisable par record_payment avec useClientCredit"),
  sentAt: z.iso.datetime().nullable(),
  /** How it went out (Plateforme Agréée or e-mail) and the lifecycle statuses that came back. */
  transmission: TransmissionViewSchema,
});

/** get_invoice: one invoice with its lines, totals, payments, credit notes, reminders, dispute and what is left to pay today. */
export const getInvoiceTool = defineTool({
  name: "get_invoice",
  title: "Consulter une facture",
  description:
    "Détail d'une facture (ou d'un acompte, d'un avoir) par son numéro : lignes, totaux HT / TVA / TTC, échéance, paiements reçus et " +
    "leur affectation, avoirs, relances envoyées ou préparées, litige, et état de paiement aujourd'hui (reste dû, jours de retard, " +
    "tranche de la balance âgée), transmission (dépôt sur la Plateforme Agréée ou e-mail, statuts du cycle de vie reçus : déposée, " +
    "refusée, en litige, paiement transmis, rejetée ; 212 Encaissée émis). À utiliser pour « où en est la facture F-2026-0042 ? ». Lecture seule.",
  inputSchema: InputSchema,
  outputSchema: GetInvoiceOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  async handler(args, ctx) {
    const asOf = ctx.today();
    const found = await resolveInvoice(ctx.db, args.invoice);
    const [details, client, project, creditNoteRows, snapshot, credit] = await Promise.all([
      getInvoice(ctx.db, found.id),
      getClient(ctx.db, found.clientId),
      found.projectId === null ? Promise.resolve(null) : getProject(ctx.db, found.projectId),
      listInvoices(ctx.db, { clientId: found.clientId, kind: ["credit_note"] }),
      loadReceivablesSnapshot(ctx.db, { clientId: found.clientId }),
      clientCredit(ctx.db, found.clientId),
    ]);
    const inv = details.invoice;
    const receivable = inv.kind === "credit_note" ? undefined : receivablesAsOf(snapshot.documents, snapshot.allocations, asOf).find((r) => r.invoiceId === String(inv.id));
    const corrected = inv.correctsInvoiceId === null ? undefined : await getInvoice(ctx.db, inv.correctsInvoiceId);
    const transmission = (await transmissionViews(ctx.db, [inv])).get(inv.id);
    const status = displayStatusOf(inv.status, receivable?.status);
    const creditNotes = creditNoteRows
      .filter((c) => c.correctsInvoiceId === inv.id && c.status !== "draft" && c.status !== "cancelled")
      .map((c) => ({ invoiceId: c.id, number: c.number, issueDate: c.issueDate, amount: toAmountString(c.amountDue), reason: c.correctionReason }));
    const reminders = details.reminders.flatMap((r) => {
      const level = dunningLevelOfColumn(r.level);
      return level ? [{ level, label: DUNNING_LEVEL_LABELS[level], date: r.remindedOn, status: r.status, channel: r.channel }] : [];
    });
    const structured = {
      invoiceId: inv.id,
      number: inv.number,
      kind: inv.kind,
      status,
      statusLabel: displayStatusLabel(inv.kind, status),
      client: { id: client.id, name: client.name },
      project: project && { id: project.id, name: project.name },
      issueDate: inv.issueDate,
      dueDate: inv.dueDate,
      paymentTerms: describePaymentTerms(inv.paymentTerms),
      lines: details.lines.map((l) => ({
        label: l.label,
        quantity: toPlainString(l.quantity),
        unitCode: l.unitCode,
        unitPrice: toPlainString(l.unitPrice),
        net: toAmountString(l.net),
        vatRate: l.vatRate,
        vatExemption: l.vatExemption,
      })),
      totals: { net: toAmountString(inv.netAmount), vat: toAmountString(inv.vatAmount), gross: toAmountString(inv.amountDue) },
      receivable: receivable
        ? {
            asOf,
            credited: toAmountString(receivable.credited),
            paid: toAmountString(receivable.paid),
            outstanding: toAmountString(receivable.outstanding),
            overpaid: toAmountString(receivable.overpaid),
            daysOverdue: receivable.daysOverdue,
            agingBucket: agingBucketOf(receivable.daysOverdue),
          }
        : null,
      payments: details.payments.map((p) => ({ paymentId: p.paymentId, receivedOn: p.receivedOn, amount: toAmountString(p.amount), method: p.method, reference: p.reference })),
      creditNotes,
      corrects: corrected ? { invoiceId: corrected.invoice.id, number: corrected.invoice.number, reason: inv.correctionReason } : null,
      reminders,
      dispute: { disputed: inv.disputed, reason: inv.disputeReason, since: inv.disputedAt?.toISOString() ?? null },
      clientCredit: toAmountString(credit.total),
      sentAt: inv.sentAt?.toISOString() ?? null,
      transmission: transmission ?? { sent: null, platform: null, statuses: [], collections: [], summary: "pas encore transmise", correction: null },
    };

    const name = inv.number ?? `brouillon n° ${inv.id}`;
    const text = [
      `${inv.kind === "credit_note" ? "Avoir" : inv.kind === "deposit" ? "Facture d'acompte" : "Facture"} ${name} — ${client.name} — ${structured.statusLabel}` +
        (inv.disputed ? ` (en litige${inv.disputeReason ? ` : ${inv.disputeReason}` : ""})` : ""),
      `Total ${formatEuros(inv.netAmount)} HT, ${formatEuros(inv.vatAmount)} TVA, ${formatEuros(inv.amountDue)} TTC` +
        (inv.issueDate ? ` ; émise le ${formatDateShortFr(inv.issueDate)}` : "") +
        (inv.dueDate ? `, échéance le ${formatDateShortFr(inv.dueDate)}` : "") +
        ".",
      ...(receivable
        ? [
            `Au ${formatDateShortFr(asOf)} : payé ${formatEuros(receivable.paid)}` +
              (receivable.credited.isZero() ? "" : `, avoirs ${formatEuros(receivable.credited)}`) +
              `, reste dû ${formatEuros(receivable.outstanding)}` +
              (receivable.daysOverdue > 0 ? `, ${receivable.daysOverdue} jours de retard` : "") +
              (receivable.overpaid.isZero() ? "" : `, trop-perçu ${formatEuros(receivable.overpaid)}`) +
              ".",
          ]
        : []),
      ...details.payments.map((p) => `- Paiement du ${formatDateShortFr(p.receivedOn)} : ${formatEuros(p.amount)} (${METHOD_LABELS[p.method as keyof typeof METHOD_LABELS] ?? p.method})`),
      ...creditNotes.map((c) => `- Avoir ${c.number ?? c.invoiceId} : ${formatEuros(toDecimal(c.amount))}${c.reason ? ` (${c.reason})` : ""}`),
      ...reminders.map((r) => `- ${r.label} ${r.status === "sent" ? "envoyée" : "préparée"} le ${formatDateShortFr(r.date)}`),
      ...(credit.total.isZero() ? [] : [`Crédit de ${client.name} non imputé (trop-perçus) : ${formatEuros(credit.total)}.`]),
      ...(inv.status === "draft" ? [] : [`Transmission : ${structured.transmission.summary}.`]),
      ...(structured.transmission.correction ? [structured.transmission.correction] : []),
    ].join("\n");
    return { structured, text };
  },
});
