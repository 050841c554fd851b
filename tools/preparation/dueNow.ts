import { z } from "zod";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { planDueInvoices } from "./invoicePlan.js";
import { loadProject } from "./projectContracts.js";

/** What a project has to invoice as of today that no draft holds yet (from the schedule replay). */
export const DueNowSchema = z.object({
  invoices: z.number().int().describe("nombre de factures à préparer"),
  net: AmountStringSchema.describe("montant HT à facturer"),
  gross: AmountStringSchema.describe("montant TTC à facturer"),
});
export type DueNow = z.infer<typeof DueNowSchema>;

export async function dueNow(db: ToolDatabase, projectId: number, today: IsoDate): Promise<DueNow> {
  const loaded = await loadProject(db, projectId, today);
  const plans = loaded.contracts.flatMap((c) => planDueInvoices(c));
  return {
    invoices: plans.length,
    net: toAmountString(sum(plans.map((p) => p.totals.netAmount))),
    gross: toAmountString(sum(plans.map((p) => p.totals.amountDue))),
  };
}

/** " À facturer maintenant : 3 000,00 € HT (prepare_invoice_draft)." or "". */
export function dueNowText(due: DueNow): string {
  return due.invoices === 0 ? "" : ` À facturer maintenant : ${formatEuros(toDecimal(due.net))} HT (prepare_invoice_draft).`;
}
