import { z } from "zod";
import { lockContracts } from "../../db/repositories/contractInvoices.js";
import { createDraftInvoice } from "../../db/repositories/invoiceDrafts.js";
import { getProject } from "../../db/repositories/projects.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { NotFoundError } from "../../engine/errors.js";
import { toAmountString } from "../../engine/money/money.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { describeDraft, InvoiceDraftViewSchema, invoiceDraftView, legalMentionTexts } from "./invoiceDraftView.js";
import { planDueInvoices } from "./invoicePlan.js";
import { loadProject } from "./projectContracts.js";

const InputSchema = z.object({
  projectId: z.number({ error: "doit être l'identifiant numérique du projet (voir find_project)" }).int().positive(),
  contractId: z.number().int().positive().optional().describe("un seul contrat du projet (par défaut : tous)"),
});

export const PrepareInvoiceDraftOutputSchema = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  clientName: z.string(),
  drafts: z.array(
    InvoiceDraftViewSchema.extend({
      created: z.boolean().describe("true : créé par cet appel ; false : brouillon déjà préparé"),
      contractName: z.string(),
    }),
  ),
  blocked: z.array(
    z.object({
      contractId: z.number().int(),
      contractName: z.string(),
      triggeredOn: IsoDateSchema,
      net: AmountStringSchema,
      reason: z.string(),
    }),
  ),
});

export const prepareInvoiceDraftTool = defineTool({
  name: "prepare_invoice_draft",
  title: "Préparer le brouillon de facture",
  description:
    "Calcule, à partir de l'échéancier du contrat et des événements enregistrés jusqu'à aujourd'hui, la ou les factures dues d'un projet " +
    "(moins ce qui est déjà facturé) : lignes, déduction des acomptes, TVA, échéance, mentions légales. Les enregistre en BROUILLON " +
    "(sans numéro) et les renvoie. À utiliser après avoir enregistré le jalon / le temps / l'avancement, quand l'utilisateur veut facturer. " +
    "Un second appel renvoie les mêmes brouillons (jamais de doublon). N'émet rien : l'émission passe par issue_invoice.",
  inputSchema: InputSchema,
  outputSchema: PrepareInvoiceDraftOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["projectId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const result = await ctx.db.transaction(async (tx) => {
      const project = await getProject(tx, args.projectId);
      if (args.contractId !== undefined && !project.contracts.some((c) => c.id === args.contractId)) {
        throw new NotFoundError(`le contrat ${args.contractId} n'appartient pas au projet ${project.name}`, { field: "contractId" });
      }
      await lockContracts(tx, project.contracts.map((c) => c.id));
      const loaded = await loadProject(tx, args.projectId, today);
      const contracts = loaded.contracts.filter((c) => args.contractId === undefined || c.row.id === args.contractId);
      const mentions = await legalMentionTexts(tx);
      const drafts: z.input<typeof PrepareInvoiceDraftOutputSchema>["drafts"] = [];
      const blocked: z.input<typeof PrepareInvoiceDraftOutputSchema>["blocked"] = [];
      for (const contract of contracts) {
        for (const existing of contract.invoices.filter((i) => i.invoice.status === "draft")) {
          drafts.push({ ...invoiceDraftView(existing, mentions), created: false, contractName: contract.row.name });
        }
        for (const plan of planDueInvoices(contract)) {
          if (plan.blocked) {
            blocked.push({ contractId: plan.contractId, contractName: plan.contractName, triggeredOn: plan.triggeredOn, net: toAmountString(plan.totals.netAmount), reason: plan.blocked });
            continue;
          }
          const created = await createDraftInvoice(tx, {
            kind: plan.kind,
            clientId: loaded.client.id,
            projectId: loaded.project.id,
            contractId: plan.contractId,
            issueDate: today,
            lines: plan.lines,
            correctsInvoiceId: plan.correctsInvoiceId,
            correctionReason: plan.correctionReason,
            buyerReference: loaded.project.buyerReference ?? undefined,
            purchaseOrder: loaded.project.purchaseOrder ?? undefined,
            notes: [`Échéance déclenchée le ${formatDateShortFr(plan.triggeredOn)} (${plan.contractName}).`],
            createdBy: ctx.session.userId,
          });
          drafts.push({ ...invoiceDraftView(created, mentions), created: true, contractName: contract.row.name });
        }
      }
      return { projectId: loaded.project.id, projectName: loaded.project.name, clientName: loaded.client.name, drafts, blocked };
    });
    const parts = result.drafts.map((d) => `${describeDraft(d)}${d.created ? "" : " (déjà préparé)"}, brouillon n° ${d.invoiceId}`);
    const blockedText = result.blocked.map((b) => `En attente : ${b.reason}.`);
    const text =
      result.drafts.length === 0 && result.blocked.length === 0
        ? `Rien à facturer aujourd'hui sur ${result.projectName} : aucune échéance déclenchée non facturée.`
        : [`${result.projectName} (${result.clientName}) :`, ...parts, ...blockedText, result.drafts.length > 0 ? "Émission après confirmation via issue_invoice." : ""]
            .filter(Boolean)
            .join(" ");
    return { structured: result, text };
  },
});
