import { z } from "zod";
import { addDays, endOfMonth, type IsoDate } from "../dates/plainDate.js";

/** Délai de paiement: N days net, or N days then end of month ("45 jours fin de mois"). */
export const PaymentTermsSchema = z.object({
  days: z.number({ error: "doit être un nombre entier de jours" }).int("doit être un nombre entier de jours").min(0, "ne peut pas être négatif").max(60, "ne peut pas dépasser 60 jours (art. L441-10 C. com.)"),
  endOfMonth: z.boolean({ error: "doit valoir true ou false" }).default(false),
});
export type PaymentTerms = z.infer<typeof PaymentTermsSchema>;

export const DEFAULT_PAYMENT_TERMS: PaymentTerms = { days: 30, endOfMonth: false };

/** Due date: invoice date + days; with endOfMonth, then the last day of that month. */
export function dueDate(invoiceDate: IsoDate, terms: PaymentTerms): IsoDate {
  const plus = addDays(invoiceDate, terms.days);
  return terms.endOfMonth ? endOfMonth(plus) : plus;
}

/** French wording of the terms, for invoices: "30 jours net", "45 jours fin de mois". */
export function describePaymentTerms(terms: PaymentTerms): string {
  if (terms.days === 0) return "à réception";
  return terms.endOfMonth ? `${terms.days} jours fin de mois` : `${terms.days} jours net`;
}
