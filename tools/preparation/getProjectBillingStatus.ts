import { z } from "zod";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import type { InvoiceWithLines } from "../../db/repositories/contractInvoices.js";
import { formatEuros, formatPercent } from "../../engine/money/formatEuros.js";
import { type Decimal, HUNDRED, ZERO, roundCents, sum, toAmountString, toDecimal, toPlainString } from "../../engine/money/money.js";
import { billKind } from "../../engine/scenario/scheduleItem.js";
import { billingStatus } from "../../engine/schedule/billingStatus.js";
import { workOf } from "../../engine/schedule/realizedWork.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { dueNow, DueNowSchema } from "./dueNow.js";
import { loadProject, type LoadedContract } from "./projectContracts.js";

const PRICING_FR = { flat: "forfait", rate: "régie (taux)", per_action: "régie (prix par action)", lots: "lots (avancement)" } as const;

const ItemSchema = z.object({
  index: z.number().int(),
  description: z.string(),
  kind: z.enum(["percent", "amount", "realized", "progress"]),
  triggered: z.boolean(),
  triggeredOn: IsoDateSchema.nullable().describe("première date de déclenchement"),
  plannedAmount: AmountStringSchema.nullable().describe("montant HT prévu (null pour du réalisé)"),
  invoicedAmount: AmountStringSchema.describe("HT porté par des factures émises"),
  invoicedPercent: DecimalStringSchema.nullable().describe("en % du prix du contrat"),
  draftAmount: AmountStringSchema.describe("HT porté par des brouillons non émis"),
  readyToInvoice: AmountStringSchema.describe("HT déclenché mais ni facturé ni en brouillon"),
  remainingAmount: AmountStringSchema.nullable().describe("HT prévu restant à facturer"),
  remainingPercent: DecimalStringSchema.nullable(),
});

const ContractStatusSchema = z.object({
  contractId: z.number().int(),
  name: z.string(),
  pricing: z.string(),
  price: AmountStringSchema.nullable().describe("prix du contrat (forfait ou somme des lots) ; null en régie"),
  items: z.array(ItemSchema),
  invoicedNet: AmountStringSchema.describe("HT émis sur ce contrat (avoirs déduits)"),
  billingProgressPercent: DecimalStringSchema.nullable().describe("HT émis / prix"),
  remainingNet: AmountStringSchema.nullable(),
  closed: z.boolean().describe("l'échéance de solde a été déclenchée"),
  realizedWork: z
    .object({
      quantity: DecimalStringSchema.describe("quantité totale saisie (heures, jours ou actions)"),
      amount: AmountStringSchema.describe("valeur HT du réalisé saisi"),
      invoicedAmount: AmountStringSchema.describe("réalisé déjà facturé ou en brouillon"),
      unbilledAmount: AmountStringSchema.describe("réalisé non encore facturé (dont le mois en cours)"),
    })
    .nullable()
    .describe("pour la régie"),
});

export const GetProjectBillingStatusOutputSchema = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  clientId: z.number().int(),
  clientName: z.string(),
  asOf: IsoDateSchema,
  contracts: z.array(ContractStatusSchema),
  payments: z.object({
    invoicedGross: AmountStringSchema.describe("TTC émis sur le projet (avoirs déduits)"),
    paid: AmountStringSchema.describe("paiements affectés aux factures du projet"),
    outstanding: AmountStringSchema,
    paymentProgressPercent: DecimalStringSchema.nullable().describe("payé / TTC émis"),
  }),
  dueNow: DueNowSchema,
});

const percent = (part: Decimal, whole: Decimal | null): string | null =>
  whole === null || whole.isZero() ? null : toPlainString(part.times(HUNDRED).dividedBy(whole).toDecimalPlaces(2));

const issued = (i: InvoiceWithLines) => i.invoice.status !== "draft" && i.invoice.status !== "cancelled";

function contractStatus(c: LoadedContract): z.input<typeof ContractStatusSchema> {
  const status = billingStatus(c.contract, c.replay);
  const onItem = (index: number, pick: (i: InvoiceWithLines) => boolean) =>
    sum(c.invoices.filter(pick).flatMap((i) => i.lines.filter((l) => l.scheduleItemIndex === index).map((l) => l.net)));
  const items = status.items.map((item) => {
    const invoiced = onItem(item.index, issued);
    const drafted = onItem(item.index, (i) => i.invoice.status === "draft");
    const ready = item.invoicedAmount.minus(invoiced).minus(drafted);
    const remaining = item.plannedAmount === null ? null : item.plannedAmount.minus(invoiced);
    const scheduleItem = c.contract.schedule[item.index];
    return {
      index: item.index,
      description: item.description,
      kind: scheduleItem ? billKind(scheduleItem.bill) : "amount",
      triggered: item.triggered,
      triggeredOn: item.firstTriggeredOn ?? null,
      plannedAmount: item.plannedAmount === null ? null : toAmountString(item.plannedAmount),
      invoicedAmount: toAmountString(invoiced),
      invoicedPercent: percent(invoiced, status.price),
      draftAmount: toAmountString(drafted),
      readyToInvoice: toAmountString(ready.isNegative() ? ZERO : ready),
      remainingAmount: remaining === null ? null : toAmountString(remaining),
      remainingPercent: remaining === null ? null : percent(remaining, status.price),
    };
  });
  const invoicedNet = sum(c.invoices.filter(issued).map((i) => i.invoice.netAmount));
  const pricing = c.contract.pricing;
  let realizedWork: z.input<typeof ContractStatusSchema>["realizedWork"] = null;
  if (pricing.type === "rate" || pricing.type === "per_action") {
    const work = c.events.flatMap((e, i) => (e.type === "action" ? [workOf(pricing, e, i)] : [])).filter((w) => w !== undefined);
    const amount = roundCents(sum(work.map((w) => w.amount)));
    const realizedItems = new Set(c.contract.schedule.flatMap((s, i) => (s.bill.realized !== undefined ? [i] : [])));
    const invoicedWork = sum(
      c.invoices
        .filter((i) => i.invoice.status !== "cancelled")
        .flatMap((i) => i.lines.filter((l) => l.scheduleItemIndex !== null && realizedItems.has(l.scheduleItemIndex)).map((l) => l.net)),
    );
    realizedWork = {
      quantity: toPlainString(sum(work.map((w) => w.quantity))),
      amount: toAmountString(amount),
      invoicedAmount: toAmountString(invoicedWork),
      unbilledAmount: toAmountString(amount.minus(invoicedWork)),
    };
  }
  return {
    contractId: c.row.id,
    name: c.row.name,
    pricing: PRICING_FR[pricing.type],
    price: status.price === null ? null : toAmountString(status.price),
    items,
    invoicedNet: toAmountString(invoicedNet),
    billingProgressPercent: percent(invoicedNet, status.price),
    remainingNet: status.price === null ? null : toAmountString(status.price.minus(invoicedNet)),
    closed: status.totals.closed,
    realizedWork,
  };
}

export const getProjectBillingStatusTool = defineTool({
  name: "get_project_billing_status",
  title: "État de facturation d'un projet",
  description:
    "Montre où en est la facturation d'un projet : par contrat et par échéance, déclenchée ou non (et quand), montant et % facturés, " +
    "en brouillon, prêt à facturer, reste à facturer ; avancement de la facturation, avancement des paiements (payé / TTC émis) et, en régie, " +
    "le réalisé non encore facturé. À utiliser pour « où en est-on sur le projet X ? » ou avant de préparer une facture. Lecture seule.",
  inputSchema: z.object({ projectId: z.number({ error: "doit être l'identifiant numérique du projet (voir find_project)" }).int().positive() }),
  outputSchema: GetProjectBillingStatusOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["projectId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const loaded = await loadProject(ctx.db, args.projectId, today);
    const contracts = loaded.contracts.map(contractStatus);
    const all = loaded.contracts.flatMap((c) => c.invoices).filter(issued);
    const invoicedGross = sum(all.map((i) => i.invoice.amountDue));
    const paid = sum(all.map((i) => i.invoice.amountPaid));
    const payments = {
      invoicedGross: toAmountString(invoicedGross),
      paid: toAmountString(paid),
      outstanding: toAmountString(invoicedGross.minus(paid)),
      paymentProgressPercent: percent(paid, invoicedGross),
    };
    const due = await dueNow(ctx.db, loaded.project.id, today);
    const lines = contracts.map((c) => {
      const progress = c.billingProgressPercent !== null ? ` (${formatPercent(toDecimal(c.billingProgressPercent))} du prix)` : "";
      const unbilled = c.realizedWork ? `, réalisé non facturé ${formatEuros(toDecimal(c.realizedWork.unbilledAmount))}` : "";
      return `${c.name} : ${formatEuros(toDecimal(c.invoicedNet))} HT facturés${progress}${unbilled}`;
    });
    const text =
      `${loaded.project.name} (${loaded.client.name}) au ${formatDateShortFr(today)} — ${lines.join(" ; ")}. ` +
      `Payé ${formatEuros(paid)} sur ${formatEuros(invoicedGross)} TTC émis.` +
      (due.invoices > 0 ? ` Prêt à facturer : ${formatEuros(toDecimal(due.net))} HT.` : "");
    return {
      structured: { projectId: loaded.project.id, projectName: loaded.project.name, clientId: loaded.client.id, clientName: loaded.client.name, asOf: today, contracts, payments, dueNow: due },
      text,
    };
  },
});
