import { z } from "zod";
import { isDecimalString } from "../money/money.js";

/** A decimal amount on the wire: a string such as "1234.50" (never a JavaScript number). */
export const DecimalStringSchema = z
  .string({ error: "doit être un nombre décimal écrit en texte, par exemple \"1234.50\"" })
  .refine(isDecimalString, { message: "doit être un nombre décimal écrit en texte, par exemple \"1234.50\"" });

export const NonNegativeDecimalStringSchema = DecimalStringSchema.refine((s) => !s.startsWith("-"), {
  message: "ne peut pas être négatif",
});

/** An amount in euros with at most two decimals. */
export const AmountStringSchema = DecimalStringSchema.refine((s) => !/\.\d{3,}$/.test(s), {
  message: "a au plus deux décimales (centimes)",
});
