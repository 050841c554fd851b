import { z } from "zod";
import { pastOrToday } from "./pastOrToday.js";
import { listEvents, recordEvent } from "../../db/repositories/events.js";
import { getProject } from "../../db/repositories/projects.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { InputError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { Decimal, HUNDRED, ZERO, isDecimalString, roundCents, toAmountString, toDecimal, toPlainString } from "../../engine/money/money.js";
import { PricingSchema } from "../../engine/scenario/pricing.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { chooseContract } from "./contractChoice.js";
import { dueNow, DueNowSchema, dueNowText } from "./dueNow.js";
import { canonicalName } from "./nameMatch.js";

const PercentSchema = DecimalStringSchema.refine((s) => isDecimalString(s) && !s.startsWith("-") && toDecimal(s).lte(HUNDRED), { message: "doit être compris entre 0 et 100" });
const AmountSchema = AmountStringSchema.refine((s) => !s.startsWith("-"), { message: "ne peut pas être négatif" });

const InputSchema = z.object({
  projectId: z.number({ error: "doit être l'identifiant numérique du projet (voir find_project)" }).int().positive(),
  contractId: z.number().int().positive().optional().describe("contrat par lots du projet (si plusieurs)"),
  date: IsoDateSchema.optional().describe("date de la situation AAAA-MM-JJ (défaut : aujourd'hui)"),
  lots: z
    .array(
      z.object({
        lot: z.string({ error: "doit être un texte" }).trim().min(1, "ne doit pas être vide").describe("nom du lot"),
        percent: PercentSchema.optional().describe("avancement CUMULÉ en % (\"45\")"),
        amount: AmountSchema.optional().describe("ou montant CUMULÉ réalisé HT (\"18000.00\")"),
      }),
      { error: "doit être une liste de lots" },
    )
    .min(1, "au moins un lot"),
});

export const RecordLotProgressOutputSchema = z.object({
  contractId: z.number().int(),
  contractName: z.string(),
  date: IsoDateSchema,
  lots: z.array(
    z.object({
      eventId: z.number().int(),
      lot: z.string(),
      lotAmount: AmountStringSchema,
      previousPercent: DecimalStringSchema.describe("avancement cumulé précédent, en % du lot"),
      percent: DecimalStringSchema.describe("nouvel avancement cumulé, en % du lot"),
      cumulativeAmount: AmountStringSchema,
      change: AmountStringSchema.describe("variation HT depuis le relevé précédent (négative si l'avancement baisse)"),
    }),
  ),
  dueNow: DueNowSchema,
});

export const recordLotProgressTool = defineTool({
  name: "record_lot_progress",
  title: "Enregistrer l'avancement des lots",
  description:
    "Enregistre l'avancement CUMULÉ de lots d'un contrat facturé à l'avancement (situation de travaux) : en pourcentage du lot ou en montant cumulé. " +
    "À utiliser quand l'utilisateur donne l'état d'avancement d'un chantier ou d'un lot. Refuse un lot inconnu ou un pourcentage hors de 0–100. " +
    "Ne facture rien : la situation est facturée selon l'échéancier via prepare_invoice_draft (une baisse donne un avoir).",
  inputSchema: InputSchema,
  outputSchema: RecordLotProgressOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  monetary: false,
  bindable: ["projectId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const date = pastOrToday(args.date ?? today, today, "date");
    const project = await getProject(ctx.db, args.projectId);
    const contract = chooseContract(project, args.contractId, (c) => c.pricing.type === "lots", "l'avancement se saisit sur un contrat facturé par lots");
    const pricing = PricingSchema.parse(contract.pricing);
    if (pricing.type !== "lots") throw new InputError("l'avancement se saisit sur un contrat facturé par lots", { field: "contractId" });
    const names = pricing.lots.map((l) => l.name);

    const previous = await listEvents(ctx.db, { contractId: contract.id, to: date });
    const seen = new Set<string>();
    const prepared = args.lots.map((entry, i) => {
      if ((entry.percent === undefined) === (entry.amount === undefined)) {
        throw new InputError("indiquer soit percent (avancement cumulé en %), soit amount (montant cumulé), pas les deux", { field: `lots[${i}].percent` });
      }
      const name = canonicalName(entry.lot, names);
      if (name === undefined) throw new InputError(`lot inconnu « ${entry.lot} » (lots du contrat : ${names.join(", ")})`, { field: `lots[${i}].lot` });
      if (seen.has(name)) throw new InputError(`lot « ${name} » cité deux fois`, { field: `lots[${i}].lot` });
      seen.add(name);
      const lotAmount = toDecimal(pricing.lots.find((l) => l.name === name)?.amount ?? "0");
      const amount = entry.amount !== undefined ? toDecimal(entry.amount) : undefined;
      if (amount !== undefined && amount.gt(lotAmount)) {
        throw new InputError(`dépasse le montant du lot « ${name} » (${formatEuros(lotAmount)})`, { field: `lots[${i}].amount` });
      }
      const percent = entry.percent !== undefined ? toDecimal(entry.percent) : lotAmount.isZero() ? ZERO : (amount ?? ZERO).times(HUNDRED).dividedBy(lotAmount);
      const last = previous.filter((e) => e.type === "progress" && e.lot === name).at(-1);
      const previousPercent: Decimal = !last
        ? ZERO
        : last.percent !== null
          ? last.percent
          : lotAmount.isZero()
            ? ZERO
            : (last.amount ?? ZERO).times(HUNDRED).dividedBy(lotAmount);
      const cumulativeAmount = amount ?? lotAmount.times(percent).dividedBy(HUNDRED);
      const previousAmount = last?.amount ?? lotAmount.times(previousPercent).dividedBy(HUNDRED);
      return { name, lotAmount, percent: entry.percent !== undefined ? toDecimal(entry.percent) : undefined, amount, shownPercent: percent, previousPercent, cumulativeAmount, change: cumulativeAmount.minus(previousAmount) };
    });

    const rows = await ctx.db.transaction(async (tx) => {
      const out = [];
      for (const p of prepared) {
        const stored = await recordEvent(tx, {
          contractId: contract.id,
          type: "progress",
          occurredOn: date,
          lot: p.name,
          percent: p.percent,
          amount: p.amount,
          recordedBy: ctx.session.userId,
        });
        out.push({
          eventId: stored.id,
          lot: p.name,
          lotAmount: toAmountString(p.lotAmount),
          previousPercent: toPlainString(p.previousPercent.toDecimalPlaces(2)),
          percent: toPlainString(p.shownPercent.toDecimalPlaces(2)),
          cumulativeAmount: toAmountString(roundCents(p.cumulativeAmount)),
          change: toAmountString(roundCents(p.change)),
        });
      }
      return out;
    });
    const due = await dueNow(ctx.db, project.id, today);
    const text =
      `Avancement enregistré au ${formatDateShortFr(date)} sur « ${contract.name} » : ` +
      rows.map((r) => `${r.lot} ${r.percent.replace(".", ",")} % (${r.previousPercent.replace(".", ",")} % avant)`).join(", ") +
      "." +
      dueNowText(due);
    return { structured: { contractId: contract.id, contractName: contract.name, date, lots: rows, dueNow: due }, text };
  },
});
