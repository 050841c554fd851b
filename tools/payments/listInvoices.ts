import { z } from "zod";
import { listClients } from "../../db/repositories/clients.js";
import { listInvoices } from "../../db/repositories/invoiceQueries.js";
import { loadReceivablePositions } from "../../db/repositories/receivablePositions.js";
import { INVOICE_KINDS } from "../../db/schema/invoices.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { InputError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { ZERO, sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { receivableOfPosition } from "../../engine/receivables/invoiceReceivable.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { displayStatusLabel, displayStatusOf, InvoiceDisplayStatusSchema } from "./invoiceDisplayStatus.js";

const StatusFilterSchema = z.enum([...InvoiceDisplayStatusSchema.options, "disputed"], {
  error: "statut inconnu (draft, issued, partially_paid, paid, overdue, credited, cancelled ou disputed)",
});

const InputSchema = z
  .object({
    status: z
      .array(StatusFilterSchema)
      .optional()
      .describe("statuts voulus : draft (brouillon), issued (émise), partially_paid, paid, overdue (en retard), credited (annulée par avoir), cancelled, disputed (en litige)"),
    clientId: z.number().int().positive().optional().describe("identifiant du client (donné par find_client)"),
    projectId: z.number().int().positive().optional().describe("identifiant du projet (donné par find_project)"),
    kind: z.array(z.enum(INVOICE_KINDS)).optional().describe("types : invoice (facture), deposit (acompte), credit_note (avoir) ; tous par défaut"),
    overdueOnly: z.boolean().default(false).describe("seulement les factures en retard de paiement aujourd'hui"),
    issuedFrom: IsoDateSchema.optional().describe("date d'émission au plus tôt (AAAA-MM-JJ, incluse)"),
    issuedTo: IsoDateSchema.optional().describe("date d'émission au plus tard (AAAA-MM-JJ, incluse)"),
    offset: z.number().int().min(0, "ne peut pas être négatif").default(0),
    limit: z.number().int().min(1, "doit être au moins 1").max(200, "ne peut pas dépasser 200").default(50),
  })
  .superRefine((v, issue) => {
    if (v.issuedFrom && v.issuedTo && v.issuedFrom > v.issuedTo) {
      issue.addIssue({ code: "custom", path: ["issuedTo"], message: "doit suivre ou égaler issuedFrom" });
    }
  });

const RowSchema = z.object({
  invoiceId: z.number().int(),
  /** Null for a draft. */
  number: z.string().nullable(),
  kind: z.enum(INVOICE_KINDS),
  clientId: z.number().int(),
  clientName: z.string(),
  projectId: z.number().int().nullable(),
  issueDate: IsoDateSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
  /** TTC as invoiced (negative for a credit note). */
  amountDue: AmountStringSchema,
  credited: AmountStringSchema,
  paid: AmountStringSchema,
  outstanding: AmountStringSchema,
  daysLate: z.number().int(),
  status: InvoiceDisplayStatusSchema,
  statusLabel: z.string(),
  disputed: z.boolean(),
});

export const ListInvoicesOutputSchema = z.object({
  asOf: IsoDateSchema,
  invoices: z.array(RowSchema),
  /** Number of documents matching the filters (all pages). */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  hasMore: z.boolean(),
  /** Over all the matching documents (all pages). */
  totals: z.object({ amountDue: AmountStringSchema, outstanding: AmountStringSchema }),
});
type Row = z.infer<typeof RowSchema>;

/** list_invoices: invoices, deposits and credit notes with their payment status as of today, filtered and paged. */
export const listInvoicesTool = defineTool({
  name: "list_invoices",
  title: "Lister les factures",
  description:
    "Liste les factures (et acomptes, avoirs) avec leur état de paiement aujourd'hui : numéro, client, dates, TTC, reste dû, jours de " +
    "retard, statut. Filtres : statut (brouillon, émise, partiellement payée, payée, en retard, annulée, en litige), client, projet, " +
    "retards seulement, période d'émission ; pagination (offset, limit). À utiliser pour « quelles factures sont impayées ? », " +
    "« les factures d'Acme ». Lecture seule ; le détail d'une facture s'obtient avec get_invoice.",
  inputSchema: InputSchema,
  outputSchema: ListInvoicesOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId", "projectId"],
  async handler(args, ctx) {
    const asOf = ctx.today();
    // Payments and credit notes summed per invoice by the database (not the whole history).
    const [stored, clientRows, { positions }] = await Promise.all([
      listInvoices(ctx.db, { clientId: args.clientId, projectId: args.projectId, kind: args.kind, issuedFrom: args.issuedFrom, issuedTo: args.issuedTo }),
      listClients(ctx.db),
      loadReceivablePositions(ctx.db, asOf, { clientId: args.clientId, includeSettled: true }),
    ]);
    if (args.clientId !== undefined && !clientRows.some((c) => c.id === args.clientId)) {
      throw new InputError(`client ${args.clientId} introuvable`, { field: "clientId" });
    }
    const names = new Map(clientRows.map((c) => [c.id, c.name]));
    const receivables = new Map(positions.map((p) => [p.invoice.id, receivableOfPosition(p, asOf)]));
    const wanted = new Set(args.status ?? []);
    if (args.overdueOnly) wanted.add("overdue");

    const rows: Row[] = stored.map((inv) => {
      const r = inv.kind === "credit_note" ? undefined : receivables.get(String(inv.id));
      const status = displayStatusOf(inv.status, r?.status);
      const open = inv.status !== "draft" && inv.status !== "cancelled" && inv.kind !== "credit_note";
      const fallbackOutstanding = open && inv.balance.greaterThan(ZERO) ? inv.balance : ZERO;
      return {
        invoiceId: inv.id,
        number: inv.number,
        kind: inv.kind,
        clientId: inv.clientId,
        clientName: names.get(inv.clientId) ?? String(inv.clientId),
        projectId: inv.projectId,
        issueDate: inv.issueDate,
        dueDate: inv.dueDate,
        amountDue: toAmountString(inv.amountDue),
        credited: toAmountString(r?.credited ?? ZERO),
        paid: toAmountString(r?.paid ?? (inv.kind === "credit_note" ? ZERO : inv.amountPaid)),
        outstanding: toAmountString(r?.outstanding ?? fallbackOutstanding),
        daysLate: r?.daysOverdue ?? 0,
        status,
        statusLabel: displayStatusLabel(inv.kind, status),
        disputed: inv.disputed,
      };
    });
    const matching = rows
      .filter((row) => {
        if (args.overdueOnly && row.status !== "overdue") return false;
        if (wanted.size === 0 || args.overdueOnly) return true;
        return wanted.has(row.status) || (wanted.has("disputed") && row.disputed);
      })
      // Latest first; drafts (no issue date yet) on top.
      .sort((a, b) => (a.issueDate === b.issueDate ? b.invoiceId - a.invoiceId : a.issueDate === null ? -1 : b.issueDate === null ? 1 : a.issueDate < b.issueDate ? 1 : -1));
    const page = matching.slice(args.offset, args.offset + args.limit);
    const totals = {
      amountDue: toAmountString(sum(matching.map((row) => toDecimal(row.amountDue)))),
      outstanding: toAmountString(sum(matching.map((row) => toDecimal(row.outstanding)))),
    };
    const head =
      matching.length === 0
        ? "Aucune facture ne correspond."
        : `${matching.length} document${matching.length > 1 ? "s" : ""}, ${formatEuros(toDecimal(totals.amountDue))} TTC, reste dû ${formatEuros(toDecimal(totals.outstanding))}` +
          (page.length < matching.length ? ` (affichés ${args.offset + 1} à ${args.offset + page.length})` : "") +
          " :";
    const lines = page.map(
      (row) =>
        `- ${row.number ?? `brouillon n° ${row.invoiceId}`} · ${row.clientName} · ${row.issueDate ? formatDateShortFr(row.issueDate) : "non émise"} · ` +
        `${formatEuros(toDecimal(row.amountDue))} TTC · reste ${formatEuros(toDecimal(row.outstanding))} · ${row.statusLabel}` +
        (row.daysLate > 0 ? ` (${row.daysLate} j de retard)` : "") +
        (row.disputed ? " · en litige" : ""),
    );
    return {
      structured: { asOf, invoices: page, total: matching.length, offset: args.offset, limit: args.limit, hasMore: args.offset + page.length < matching.length, totals },
      text: [head, ...lines].join("\n"),
    };
  },
});

