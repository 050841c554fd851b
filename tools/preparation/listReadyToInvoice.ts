import { z } from "zod";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { listProjectEntries } from "../../db/repositories/projectDirectory.js";
import { BillingError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { sum, toAmountString } from "../../engine/money/money.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { planDueInvoices } from "./invoicePlan.js";
import { loadProject } from "./projectContracts.js";

const MoneySchema = z.object({ invoices: z.number().int(), net: AmountStringSchema, gross: AmountStringSchema });

export const ListReadyToInvoiceOutputSchema = z.object({
  asOf: IsoDateSchema,
  projects: z.array(
    z.object({
      projectId: z.number().int(),
      projectName: z.string(),
      clientId: z.number().int(),
      clientName: z.string(),
      toPrepare: MoneySchema.describe("échéances déclenchées sans brouillon : prepare_invoice_draft"),
      drafts: MoneySchema.extend({ invoiceIds: z.array(z.number().int()) }).describe("brouillons prêts à émettre : issue_invoice"),
      blocked: z.array(z.string()).describe("factures dues mais en attente (raison en français)"),
      since: IsoDateSchema.nullable().describe("plus ancienne date de déclenchement non facturée"),
    }),
  ),
  problems: z.array(z.object({ projectId: z.number().int(), projectName: z.string(), error: z.string() })).describe("projets dont l'échéancier n'a pas pu être rejoué"),
  totals: z.object({ net: AmountStringSchema, gross: AmountStringSchema }),
});

export const listReadyToInvoiceTool = defineTool({
  name: "list_ready_to_invoice",
  title: "Projets prêts à facturer",
  description:
    "Liste, à la date du jour, tous les projets actifs qui ont quelque chose à facturer : échéances déclenchées non encore préparées " +
    "et brouillons prêts à émettre, avec les montants HT et TTC. À utiliser pour « qu'est-ce qu'on peut facturer ? » ou une revue de fin de mois. Lecture seule.",
  inputSchema: z.object({ clientId: z.number().int().positive().optional().describe("limiter à un client") }),
  outputSchema: ListReadyToInvoiceOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const entries = await listProjectEntries(ctx.db, { clientId: args.clientId, statuses: ["active"] });
    const projects: z.input<typeof ListReadyToInvoiceOutputSchema>["projects"] = [];
    const problems: z.input<typeof ListReadyToInvoiceOutputSchema>["problems"] = [];
    let net = sum([]);
    let gross = sum([]);
    for (const entry of entries) {
      try {
        const loaded = await loadProject(ctx.db, entry.id, today);
        const plans = loaded.contracts.flatMap((c) => planDueInvoices(c));
        const ready = plans.filter((p) => !p.blocked);
        const drafts = loaded.contracts.flatMap((c) => c.invoices).filter((i) => i.invoice.status === "draft");
        if (plans.length === 0 && drafts.length === 0) continue;
        const readyNet = sum(ready.map((p) => p.totals.netAmount));
        const readyGross = sum(ready.map((p) => p.totals.amountDue));
        const draftNet = sum(drafts.map((d) => d.invoice.netAmount));
        const draftGross = sum(drafts.map((d) => d.invoice.amountDue));
        net = net.plus(readyNet).plus(draftNet);
        gross = gross.plus(readyGross).plus(draftGross);
        const since = plans.map((p) => p.triggeredOn).sort()[0] ?? null;
        projects.push({
          projectId: entry.id,
          projectName: entry.name,
          clientId: entry.clientId,
          clientName: entry.clientName,
          toPrepare: { invoices: ready.length, net: toAmountString(readyNet), gross: toAmountString(readyGross) },
          drafts: { invoices: drafts.length, net: toAmountString(draftNet), gross: toAmountString(draftGross), invoiceIds: drafts.map((d) => d.invoice.id) },
          blocked: plans.flatMap((p) => (p.blocked ? [p.blocked] : [])),
          since,
        });
      } catch (error) {
        if (!(error instanceof BillingError)) throw error;
        problems.push({ projectId: entry.id, projectName: entry.name, error: error.message });
      }
    }
    const text =
      projects.length === 0
        ? `Rien à facturer au ${formatDateShortFr(today)}.`
        : `${projects.length} projet(s) à facturer au ${formatDateShortFr(today)}, ${formatEuros(net)} HT (${formatEuros(gross)} TTC) : ` +
          projects.map((p) => `${p.projectName} (${p.clientName})`).join(", ") +
          "." +
          (problems.length > 0 ? ` ${problems.length} projet(s) en erreur.` : "");
    return { structured: { asOf: today, projects, problems, totals: { net: toAmountString(net), gross: toAmountString(gross) } }, text };
  },
});
