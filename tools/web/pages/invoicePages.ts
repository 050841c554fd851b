import { z } from "zod";
import { invoiceAuditTrail } from "../../../db/audit/invoiceAuditTrail.js";
import { listClients } from "../../../db/repositories/clients.js";
import { loadInvoiceDocument } from "../../../db/repositories/loadInvoiceDocument.js";
import { listProjectEntries } from "../../../db/repositories/projectDirectory.js";
import { InputError, NotFoundError } from "../../../engine/errors.js";
import { IsoDateSchema } from "../../../engine/wire/isoDate.js";
import { ProposalResultSchema } from "../../confirmation/proposalResult.js";
import { facturxDocuments } from "../../documents/facturxDocuments.js";
import { GetInvoiceOutputSchema } from "../../payments/getInvoice.js";
import { ListInvoicesOutputSchema } from "../../payments/listInvoices.js";
import { ListReadyToInvoiceOutputSchema } from "../../preparation/listReadyToInvoice.js";
import { parseInput } from "../../validationError.js";
import type { PageContext, PageResult } from "./pageResult.js";

const PAGE_SIZE = 50;

/** The list's status filter as people read it, and the list_invoices statuses it asks for. */
export const INVOICE_FILTERS = {
  a_facturer: { label: "à facturer", statuses: [] },
  brouillon: { label: "brouillon", statuses: ["draft"] },
  emise: { label: "émise / envoyée", statuses: ["issued"] },
  en_retard: { label: "en retard", statuses: ["overdue"] },
  partiellement_reglee: { label: "partiellement réglée", statuses: ["partially_paid"] },
  reglee: { label: "réglée", statuses: ["paid"] },
  annulee_par_avoir: { label: "annulée par avoir", statuses: ["credited"] },
  en_litige: { label: "en litige", statuses: ["disputed"] },
} as const;

const Id = z.coerce.number({ error: "doit être un identifiant" }).int("doit être un identifiant").positive("doit être un identifiant");
const FilterSchema = z.strictObject({
  statut: z.enum(Object.keys(INVOICE_FILTERS) as [keyof typeof INVOICE_FILTERS, ...(keyof typeof INVOICE_FILTERS)[]], { error: "statut inconnu" }).optional(),
  client: Id.optional(),
  projet: Id.optional(),
  du: IsoDateSchema.optional(),
  au: IsoDateSchema.optional(),
  page: z.coerce.number({ error: "doit être un numéro de page" }).int().min(1, "doit être au moins 1").optional(),
});

/** GET /factures?statut=&client=&projet=&du=&au=&page= — list_invoices (or, « à facturer », list_ready_to_invoice). */
export async function invoicesPage(ctx: PageContext): Promise<PageResult> {
  const raw = Object.fromEntries([...ctx.url.searchParams.entries()].filter(([, v]) => v !== ""));
  const filter = parseInput(FilterSchema, raw);
  const [clients, projects] = await Promise.all([listClients(ctx.db), listProjectEntries(ctx.db)]);
  const page = filter.page ?? 1;
  const common = {
    filter: { ...filter, page },
    statuses: Object.entries(INVOICE_FILTERS).map(([value, f]) => ({ value, label: f.label, selected: value === filter.statut })),
    clients: clients.map((c) => ({ id: c.id, name: c.name, selected: c.id === filter.client })),
    projects: projects.map((p) => ({ id: p.id, name: `${p.name} (${p.clientName})`, selected: p.id === filter.projet })),
  };
  if (filter.statut === "a_facturer") {
    const ready = await ctx.tools.call("list_ready_to_invoice", filter.client === undefined ? {} : { clientId: filter.client }, ctx.person, ListReadyToInvoiceOutputSchema);
    const projectsReady = ready.structured.projects.filter((p) => filter.projet === undefined || p.projectId === filter.projet);
    return { kind: "page", page: "invoices", title: "Factures à émettre", nav: "invoices", context: { ...common, ready: { ...ready.structured, projects: projectsReady } } };
  }
  const args = {
    ...(filter.statut ? { status: [...INVOICE_FILTERS[filter.statut].statuses] } : {}),
    ...(filter.client === undefined ? {} : { clientId: filter.client }),
    ...(filter.projet === undefined ? {} : { projectId: filter.projet }),
    ...(filter.du === undefined ? {} : { issuedFrom: filter.du }),
    ...(filter.au === undefined ? {} : { issuedTo: filter.au }),
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  const list = (await ctx.tools.call("list_invoices", args, ctx.person, ListInvoicesOutputSchema)).structured;
  const query = (p: number) => new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "page")), page: String(p) }).toString();
  return {
    kind: "page",
    page: "invoices",
    title: "Factures",
    nav: "invoices",
    context: {
      ...common,
      list: { ...list, invoices: list.invoices.map((i) => ({ ...i, ref: i.number ?? String(i.invoiceId) })) },
      pagination: { previous: page > 1 ? query(page - 1) : null, next: list.hasMore ? query(page + 1) : null, from: list.total === 0 ? 0 : list.offset + 1, to: list.offset + list.invoices.length },
    },
  };
}

const ACTION_LABELS: Record<string, string> = {
  proposed: "action proposée",
  confirmed: "confirmée",
  executed: "exécutée",
  declined: "refusée",
  cancelled: "annulée",
  expired: "expirée",
  tampered: "refusée : contenu modifié",
  failed: "échec",
  invoice_issued: "facture émise",
  invoice_imported: "facture importée (reprise)",
  invoice_sent: "facture envoyée",
  payment_recorded: "règlement enregistré",
  reminder_sent: "relance envoyée",
};

/** GET /factures/:numéro (or a draft's id) — get_invoice, the audit trail, the Factur-X PDF. */
export async function invoicePage(ctx: PageContext, reference: string): Promise<PageResult> {
  const invoice = (await ctx.tools.call("get_invoice", { invoice: reference }, ctx.person, GetInvoiceOutputSchema)).structured;
  const audit = invoice.number === null ? [] : await invoiceAuditTrail(ctx.db, { id: invoice.invoiceId, number: invoice.number });
  return {
    kind: "page",
    page: "invoice",
    title: invoice.number ? `Facture ${invoice.number}` : `Brouillon n° ${invoice.invoiceId}`,
    nav: "invoices",
    context: {
      invoice,
      kindLabel: invoice.kind === "credit_note" ? "Avoir" : invoice.kind === "deposit" ? "Facture d'acompte" : "Facture",
      pdfPath: invoice.number ? `/factures/${encodeURIComponent(invoice.number)}/pdf` : null,
      isDraft: invoice.status === "draft",
      audit: audit.map((a) => ({ ...a, label: ACTION_LABELS[a.action] ?? a.action })),
    },
  };
}

/** GET /factures/:numéro/pdf[?telecharger=1] — the Factur-X PDF/A-3 the client receives, inline or as a download. */
export async function invoicePdf(ctx: PageContext, number: string): Promise<PageResult> {
  if (!/^[A-Za-z0-9+_/-]{1,35}$/.test(number)) throw new NotFoundError(`aucune facture émise numérotée ${number}`, { field: "numero" });
  const pdf = (await facturxDocuments(await loadInvoiceDocument(ctx.db, number))).pdf;
  const file = `${number.replaceAll("/", "_")}.pdf`;
  const download = ctx.url.searchParams.get("telecharger") === "1";
  return {
    kind: "file",
    body: pdf,
    headers: { "content-type": "application/pdf", "content-disposition": `${download ? "attachment" : "inline"}; filename="${file}"`, "content-security-policy": "frame-ancestors 'self'" },
  };
}

/** POST /factures/:id/emettre — issue_invoice in the name of the signed-in person: a pending action, confirmed on its page. */
export async function proposeIssue(ctx: PageContext, invoiceId: number): Promise<PageResult> {
  const proposal = (await ctx.tools.call("issue_invoice", { invoiceId }, ctx.person, ProposalResultSchema)).structured;
  if (proposal.status !== "pending") throw new InputError("la proposition n'a pas pu être mise en attente", { field: "invoiceId" });
  return { kind: "redirect", location: `/actions/${proposal.pendingAction.id}` };
}
