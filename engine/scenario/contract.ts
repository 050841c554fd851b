import { z } from "zod";
import { HUNDRED, isDecimalString, Decimal } from "../money/money.js";
import { DEFAULT_PAYMENT_TERMS, PaymentTermsSchema } from "../terms/paymentTerms.js";
import { DecimalStringSchema } from "../wire/decimalString.js";
import { PricingSchema } from "./pricing.js";
import { ScheduleItemSchema } from "./scheduleItem.js";

/**
 * A dossier's billing contract: its pricing and its schedule, with the VAT rate and payment terms
 * its invoices use. This is what a real project stores, and what a scenario file carries.
 */
export const VatPercentSchema = DecimalStringSchema.refine((s) => isDecimalString(s) && new Decimal(s).gte(0) && new Decimal(s).lte(HUNDRED), {
  message: "doit être un taux en pourcentage compris entre 0 et 100, par exemple \"20\"",
});

export const ContractSchema = z.object({
  vatRate: VatPercentSchema.default("20"),
  paymentTerms: PaymentTermsSchema.default(DEFAULT_PAYMENT_TERMS),
  pricing: PricingSchema,
  schedule: z.array(ScheduleItemSchema, { error: "doit être une liste d'échéances" }),
});
export type Contract = z.infer<typeof ContractSchema>;
