import { z } from "zod";
import { GetDunningStatusOutputSchema } from "../../tools/payments/getDunningStatus.js";
import { GetInvoiceOutputSchema } from "../../tools/payments/getInvoice.js";
import { GetPaymentAlertsOutputSchema } from "../../tools/payments/getPaymentAlerts.js";
import { GetReceivablesSummaryOutputSchema } from "../../tools/payments/getReceivablesSummary.js";
import { ListInvoicesOutputSchema } from "../../tools/payments/listInvoices.js";
import { MatchBankStatementOutputSchema } from "../../tools/payments/matchBankStatement.js";
import { FindClientOutputSchema } from "../../tools/preparation/findClient.js";
import { FindProjectOutputSchema } from "../../tools/preparation/findProject.js";
import { GetProjectBillingStatusOutputSchema } from "../../tools/preparation/getProjectBillingStatus.js";
import { PrepareInvoiceDraftOutputSchema } from "../../tools/preparation/prepareInvoiceDraft.js";
import { RecordLotProgressOutputSchema } from "../../tools/preparation/recordLotProgress.js";
import { RecordProjectEventOutputSchema } from "../../tools/preparation/recordProjectEvent.js";
import { RecordTimeEntriesOutputSchema } from "../../tools/preparation/recordTimeEntries.js";

/*
 * The tools' structured faces the offline runner reads: each tool's own output schema (the single
 * source), under the names the runner uses. Every reply is parsed, never cast.
 */

export const FindClientResultSchema = FindClientOutputSchema;

export const FindProjectResultSchema = FindProjectOutputSchema;
export type ProjectCandidate = z.infer<typeof FindProjectResultSchema>["candidates"][number];

export const PrepareDraftResultSchema = PrepareInvoiceDraftOutputSchema;

export const RecordEventResultSchema = RecordProjectEventOutputSchema;

export const RecordTimeResultSchema = RecordTimeEntriesOutputSchema;

export const RecordLotResultSchema = RecordLotProgressOutputSchema;

export const ListInvoicesResultSchema = ListInvoicesOutputSchema;
export type InvoiceRow = z.infer<typeof ListInvoicesResultSchema>["invoices"][number];

export const GetInvoiceResultSchema = GetInvoiceOutputSchema;

export const PaymentAlertsResultSchema = GetPaymentAlertsOutputSchema;
export type AlertRow = z.infer<typeof PaymentAlertsResultSchema>["alerts"][number];

export const ReceivablesSummaryResultSchema = GetReceivablesSummaryOutputSchema;

export const DunningStatusResultSchema = GetDunningStatusOutputSchema;
export type DunningRow = z.infer<typeof DunningStatusResultSchema>["invoices"][number];

/** Any tool's reply when only its French text face matters. */
export const AnyResultSchema = z.unknown();

export const BillingStatusResultSchema = GetProjectBillingStatusOutputSchema;
export type BillingStatusResult = z.infer<typeof BillingStatusResultSchema>;

export const MatchBankStatementResultSchema = MatchBankStatementOutputSchema;
export type BankMatch = z.infer<typeof MatchBankStatementResultSchema>["matches"][number];
