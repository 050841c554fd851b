import { z } from "zod";
import { Decimal, sum } from "../money/money.js";
import { NameSchema, NonNegativeStringSchema, PositiveStringSchema } from "./scenarioValues.js";

/** Tarification d'un dossier: forfait, taux horaire / TJM, prix par action, ou lots (avancement). */
export const FlatPricingSchema = z.object({
  type: z.literal("flat"),
  amount: NonNegativeStringSchema,
});

export const RatePricingSchema = z.object({
  type: z.literal("rate"),
  rate: NonNegativeStringSchema,
  unit: z.enum(["hour", "day"], { error: "doit valoir « hour » ou « day »" }),
  plannedQuantity: PositiveStringSchema.optional(),
});

export const ACTION_UNITS = ["hour", "day", "flat", "free"] as const;

export const PricedActionSchema = z
  .object({
    name: NameSchema,
    price: NonNegativeStringSchema.optional(),
    unit: z.enum(ACTION_UNITS, { error: "doit valoir « hour », « day », « flat » ou « free »" }),
  })
  .superRefine((action, ctx) => {
    if (action.unit !== "free" && action.price === undefined) {
      ctx.addIssue({ code: "custom", path: ["price"], message: "est obligatoire pour une action facturable (unité autre que « free »)" });
    }
  });
export type PricedAction = z.infer<typeof PricedActionSchema>;

export const PerActionPricingSchema = z.object({
  type: z.literal("per_action"),
  actions: z
    .array(PricedActionSchema, { error: "doit être une liste d'actions" })
    .min(1, "doit contenir au moins une action")
    .superRefine((actions, ctx) => reportDuplicates(actions.map((a) => a.name), "name", "action", ctx)),
  plannedQuantity: PositiveStringSchema.optional(),
});

export const LotSchema = z.object({ name: NameSchema, amount: NonNegativeStringSchema });
export type Lot = z.infer<typeof LotSchema>;

export const LotsPricingSchema = z.object({
  type: z.literal("lots"),
  lots: z
    .array(LotSchema, { error: "doit être une liste de lots" })
    .min(1, "doit contenir au moins un lot")
    .superRefine((lots, ctx) => reportDuplicates(lots.map((l) => l.name), "name", "lot", ctx)),
});

export const PricingSchema = z.discriminatedUnion("type", [FlatPricingSchema, RatePricingSchema, PerActionPricingSchema, LotsPricingSchema], {
  error: (issue) => (issue.code === "invalid_union" ? "doit valoir « flat », « rate », « per_action » ou « lots »" : undefined),
});
export type Pricing = z.infer<typeof PricingSchema>;

function reportDuplicates(names: readonly string[], field: string, what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name)) ctx.addIssue({ code: "custom", path: [i, field], message: `${what} en double « ${name} »` });
    seen.add(name);
  });
}

/** The price of the dossier for flat and lots pricing (the over-billing ceiling); null otherwise. */
export function pricingTotal(pricing: Pricing): Decimal | null {
  if (pricing.type === "flat") return new Decimal(pricing.amount);
  if (pricing.type === "lots") return sum(pricing.lots.map((l) => new Decimal(l.amount)));
  return null;
}

/** The planned quantity attendance is measured against, when the pricing has one. */
export function plannedQuantityOf(pricing: Pricing): Decimal | null {
  if ((pricing.type === "rate" || pricing.type === "per_action") && pricing.plannedQuantity !== undefined) return new Decimal(pricing.plannedQuantity);
  return null;
}
