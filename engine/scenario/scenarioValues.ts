import { z } from "zod";
import { Decimal, HUNDRED, isDecimalString } from "../money/money.js";
import { DecimalStringSchema } from "../wire/decimalString.js";

/**
 * The value schemas the scenario format is made of. Amounts, prices, quantities and percents are
 * decimal strings on the wire; each refinement is guarded so that it never throws on odd input.
 */
const isNonNegative = (s: string) => isDecimalString(s) && !new Decimal(s).isNegative();

/** An amount, price or quantity: a decimal string, zero or more. */
export const NonNegativeStringSchema = DecimalStringSchema.refine(isNonNegative, { message: "ne peut pas être négatif" });

/** A strictly positive decimal string (a planned quantity one divides by). */
export const PositiveStringSchema = DecimalStringSchema.refine((s) => isDecimalString(s) && new Decimal(s).isPositive() && !new Decimal(s).isZero(), {
  message: "doit être strictement positif",
});

/** A percent between 0 and 100 inclusive, e.g. "30" or "12.5". */
export const PercentStringSchema = DecimalStringSchema.refine(
  (s) => isDecimalString(s) && new Decimal(s).gte(0) && new Decimal(s).lte(HUNDRED),
  { message: "doit être compris entre 0 et 100" },
);

/** A JSON integer written as a number or as a string of digits ("3"), turned into a number of months. */
export const WholeMonthsSchema = z.preprocess(
  (v) => (typeof v === "string" && /^-?\d{1,6}$/.test(v) ? Number.parseInt(v, 10) : v),
  z.number({ error: "doit être un nombre entier de mois" }).int("doit être un nombre entier de mois"),
);

/** A percent threshold written as a decimal string, or as a plain JSON integer (25 → "25"). */
export const PercentThresholdSchema = z.preprocess(
  (v) => (typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v),
  NonNegativeStringSchema,
);

/** A non-empty name (action, state, event, lot). */
export const NameSchema = z.string({ error: (issue) => (issue.input === undefined ? "est obligatoire" : "doit être un texte") }).trim().min(1, "ne doit pas être vide");
