import { listInvoices } from "../../db/repositories/invoiceQueries.js";
import { getProject, listProjects } from "../../db/repositories/projects.js";
import { InputError } from "../../engine/errors.js";
import { toAmountString } from "../../engine/money/money.js";
import type { ResourceDefinition } from "./resourceDefinition.js";

/** A project's billing plan: its contracts (pricing, schedule, VAT, terms) and the invoices issued so far. */
export const billingPlanResource: ResourceDefinition = {
  name: "plan-de-facturation",
  title: "Plan de facturation d'un projet",
  description: "Les contrats d'un projet (tarification, échéancier, TVA, délai de paiement) et ses factures émises, en JSON (montants en chaînes décimales).",
  uriTemplate: "facturation://projets/{id}/plan",
  mimeType: "application/json",
  async list(ctx) {
    return (await listProjects(ctx.db)).map((p) => ({ uri: `facturation://projets/${p.id}/plan`, name: `plan-${p.id}`, title: `Plan de facturation — ${p.name}` }));
  },
  async read(variables, ctx) {
    const id = variables.id ?? "";
    if (!/^[1-9]\d{0,9}$/.test(id)) throw new InputError("doit être l'identifiant numérique du projet", { field: "id" });
    const project = await getProject(ctx.db, Number.parseInt(id, 10));
    const invoices = await listInvoices(ctx.db, { projectId: project.id });
    const plan = {
      project: { id: project.id, name: project.name, status: project.status, clientId: project.clientId },
      contracts: project.contracts.map((c) => ({
        id: c.id,
        name: c.name,
        status: c.status,
        pricing: c.pricing,
        schedule: c.schedule,
        vatRate: c.vatRate,
        vatExemption: c.vatExemption,
        paymentTerms: c.paymentTerms,
      })),
      invoices: invoices
        .filter((i) => i.status !== "draft")
        .map((i) => ({ number: i.number, kind: i.kind, status: i.status, issueDate: i.issueDate, dueDate: i.dueDate, amountDue: toAmountString(i.amountDue), amountPaid: toAmountString(i.amountPaid) })),
    };
    return JSON.stringify(plan, null, 2);
  },
};
