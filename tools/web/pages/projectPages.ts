import { listEvents } from "../../../db/repositories/events.js";
import { getProject } from "../../../db/repositories/projects.js";
import { listProjectEntries } from "../../../db/repositories/projectDirectory.js";
import type { IsoDate } from "../../../engine/dates/plainDate.js";
import { formatEuros } from "../../../engine/money/formatEuros.js";
import { toDecimal, toPlainString } from "../../../engine/money/money.js";
import { GetInvoiceOutputSchema } from "../../payments/getInvoice.js";
import { ListInvoicesOutputSchema } from "../../payments/listInvoices.js";
import { GetProjectBillingStatusOutputSchema } from "../../preparation/getProjectBillingStatus.js";
import type { PageContext, PageResult } from "./pageResult.js";

const STATUS_LABELS: Record<string, string> = { active: "actif", closed: "clos", abandoned: "abandonné" };

/** GET /projets — every project with its client and status. */
export async function projectsPage(ctx: PageContext): Promise<PageResult> {
  const projects = await listProjectEntries(ctx.db);
  return {
    kind: "page",
    page: "projects",
    title: "Projets",
    nav: "projects",
    context: { projects: projects.map((p) => ({ id: p.id, name: p.name, clientName: p.clientName, status: STATUS_LABELS[p.status] ?? p.status, contracts: p.contracts.map((c) => c.name).join(", ") })) },
  };
}

const EVENT_LABELS = { signature: "Signature", start: "Démarrage", action: "Réalisé", state: "État atteint", event: "Événement", progress: "Avancement" } as const;

interface TimelineEntry {
  readonly date: IsoDate;
  readonly kind: "event" | "invoice" | "payment";
  readonly label: string;
  readonly link?: string | undefined;
}

/**
 * GET /projets/:id — get_project_billing_status (per contract and schedule item: triggered or not,
 * invoiced %, remaining; billing and payment progress) and a timeline of what happened: the
 * contract events, the invoices issued and the payments received on them.
 */
export async function projectPage(ctx: PageContext, projectId: number): Promise<PageResult> {
  const status = (await ctx.tools.call("get_project_billing_status", { projectId }, ctx.person, GetProjectBillingStatusOutputSchema)).structured;
  const project = await getProject(ctx.db, projectId);
  const [eventLists, invoices] = await Promise.all([
    Promise.all(project.contracts.map(async (c) => ({ contract: c.name, events: await listEvents(ctx.db, { contractId: c.id }) }))),
    ctx.tools.call("list_invoices", { projectId, limit: 200 }, ctx.person, ListInvoicesOutputSchema),
  ]);
  const timeline: TimelineEntry[] = [];
  for (const { contract, events } of eventLists) {
    // Time entries are many: one line per day, contract and activity, quantities summed.
    const work = new Map<string, { date: IsoDate; name: string; quantity: ReturnType<typeof toDecimal> }>();
    for (const e of events) {
      if (e.type === "action") {
        const key = `${e.occurredOn}|${e.name ?? ""}`;
        const known = work.get(key);
        const quantity = e.quantity ?? toDecimal("1");
        work.set(key, { date: e.occurredOn, name: e.name ?? "", quantity: known ? known.quantity.plus(quantity) : quantity });
      } else {
        const detail = e.name ? ` : ${e.name}` : e.lot ? ` : ${e.lot}${e.percent !== null ? ` ${toPlainString(e.percent).replace(".", ",")} %` : ""}` : "";
        timeline.push({ date: e.occurredOn, kind: "event", label: `${EVENT_LABELS[e.type]}${detail} (${contract})` });
      }
    }
    for (const w of work.values()) timeline.push({ date: w.date, kind: "event", label: `${EVENT_LABELS.action} : ${w.name} × ${toPlainString(w.quantity).replace(".", ",")} (${contract})` });
  }
  const issued = invoices.structured.invoices.filter((i) => i.number !== null && i.issueDate !== null);
  for (const i of issued) {
    const what = i.kind === "credit_note" ? "Avoir" : i.kind === "deposit" ? "Facture d'acompte" : "Facture";
    timeline.push({ date: i.issueDate!, kind: "invoice", label: `${what} ${i.number} émise : ${formatEuros(toDecimal(i.amountDue))} TTC`, link: `/factures/${encodeURIComponent(i.number!)}` });
  }
  const details = await Promise.all(issued.filter((i) => i.kind !== "credit_note" && i.paid !== "0.00").map((i) => ctx.tools.call("get_invoice", { invoice: i.number! }, ctx.person, GetInvoiceOutputSchema)));
  for (const { structured: d } of details) {
    for (const p of d.payments) timeline.push({ date: p.receivedOn, kind: "payment", label: `Règlement de ${formatEuros(toDecimal(p.amount))} sur ${d.number}`, link: `/factures/${encodeURIComponent(d.number ?? String(d.invoiceId))}` });
  }
  timeline.sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
  return {
    kind: "page",
    page: "project",
    title: `Projet ${status.projectName}`,
    nav: "projects",
    context: { status, timeline, drafts: invoices.structured.invoices.filter((i) => i.status === "draft") },
  };
}
