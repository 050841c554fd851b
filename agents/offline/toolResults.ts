import { z } from "zod";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";

/*
 * The parts of the tools' structured faces the offline runner reads, as zod schemas: every reply
 * is parsed, never cast. Fields the runner does not use are left out (zod strips them).
 */

export const FindClientResultSchema = z.object({
  candidates: z.array(z.object({ clientId: z.number().int(), name: z.string(), score: z.number() })),
  ambiguous: z.boolean(),
});

export const FindProjectResultSchema = z.object({
  candidates: z.array(
    z.object({
      projectId: z.number().int(),
      name: z.string(),
      clientId: z.number().int(),
      clientName: z.string(),
      status: z.string(),
      score: z.number(),
      matched: z.string(),
      matchedOn: z.string(),
    }),
  ),
  ambiguous: z.boolean(),
});
export type ProjectCandidate = z.infer<typeof FindProjectResultSchema>["candidates"][number];

const TotalsSchema = z.object({ net: AmountStringSchema, vat: AmountStringSchema, gross: AmountStringSchema });

export const PrepareDraftResultSchema = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  clientName: z.string(),
  drafts: z.array(
    z.object({
      invoiceId: z.number().int(),
      kindLabel: z.string(),
      dueDate: IsoDateSchema.nullable(),
      lines: z.array(z.object({ label: z.string(), net: AmountStringSchema })),
      totals: TotalsSchema,
      created: z.boolean(),
      contractName: z.string(),
    }),
  ),
  blocked: z.array(z.object({ contractName: z.string(), net: AmountStringSchema, reason: z.string() })),
});

const DueNowSchema = z.object({ invoices: z.number().int(), net: AmountStringSchema, gross: AmountStringSchema });

export const RecordEventResultSchema = z.object({
  contractName: z.string(),
  name: z.string().nullable(),
  date: IsoDateSchema,
  triggers: z.array(z.object({ itemIndex: z.number().int(), description: z.string() })),
  dueNow: DueNowSchema,
});

export const RecordTimeResultSchema = z.object({
  contractName: z.string(),
  totalAmount: AmountStringSchema,
  dueNow: DueNowSchema,
});

export const RecordLotResultSchema = z.object({
  contractName: z.string(),
  lots: z.array(z.object({ lot: z.string(), previousPercent: z.string(), percent: z.string(), change: AmountStringSchema })),
  dueNow: DueNowSchema,
});

export const InvoiceRowSchema = z.object({
  invoiceId: z.number().int(),
  number: z.string().nullable(),
  kind: z.string(),
  clientId: z.number().int(),
  clientName: z.string(),
  projectId: z.number().int().nullable(),
  issueDate: IsoDateSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
  amountDue: AmountStringSchema,
  paid: AmountStringSchema,
  outstanding: AmountStringSchema,
  daysLate: z.number().int(),
  status: z.string(),
  statusLabel: z.string(),
  disputed: z.boolean(),
});
export type InvoiceRow = z.infer<typeof InvoiceRowSchema>;

export const ListInvoicesResultSchema = z.object({
  asOf: IsoDateSchema,
  invoices: z.array(InvoiceRowSchema),
  total: z.number().int(),
  totals: z.object({ amountDue: AmountStringSchema, outstanding: AmountStringSchema }),
});

export const GetInvoiceResultSchema = z.object({
  invoiceId: z.number().int(),
  number: z.string().nullable(),
  statusLabel: z.string(),
  client: z.object({ id: z.number().int(), name: z.string() }),
  project: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  issueDate: IsoDateSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
  totals: TotalsSchema,
  receivable: z.object({ paid: AmountStringSchema, outstanding: AmountStringSchema, daysOverdue: z.number().int() }).nullable(),
  payments: z.array(z.object({ receivedOn: IsoDateSchema, amount: AmountStringSchema })),
});

const AlertSchema = z.object({
  severity: z.enum(["info", "warning", "alert", "critical"]),
  number: z.string(),
  clientName: z.string().optional(),
  outstanding: AmountStringSchema,
  daysOverdue: z.number().int(),
  message: z.string(),
});
export type AlertRow = z.infer<typeof AlertSchema>;

export const PaymentAlertsResultSchema = z.object({
  asOf: IsoDateSchema,
  alerts: z.array(AlertSchema),
});

const BucketCellSchema = z.object({ amount: AmountStringSchema, count: z.number().int() });

export const ReceivablesSummaryResultSchema = z.object({
  asOf: IsoDateSchema,
  period: z.object({ from: IsoDateSchema, to: IsoDateSchema, days: z.number().int() }),
  aging: z.object({
    overall: z.object({ buckets: z.record(z.string(), BucketCellSchema), total: BucketCellSchema }),
    byClient: z.array(z.object({ clientName: z.string().optional(), clientId: z.string(), buckets: z.record(z.string(), BucketCellSchema), total: BucketCellSchema })),
  }),
  kpis: z.array(z.object({ code: z.string(), label: z.string(), value: z.string().nullable(), alert: z.boolean(), onTarget: z.boolean(), message: z.string() })),
  alerts: z.array(AlertSchema),
  formulas: z.object({ dso: z.string(), recoveryRate: z.string() }),
  dso: z.object({ outstanding: AmountStringSchema, revenue: AmountStringSchema }),
});

export const DunningStatusResultSchema = z.object({
  asOf: IsoDateSchema,
  invoices: z.array(
    z.object({
      invoiceId: z.number().int(),
      number: z.string(),
      clientId: z.number().int(),
      clientName: z.string(),
      dueDate: IsoDateSchema,
      outstanding: AmountStringSchema,
      daysOverdue: z.number().int(),
      disputed: z.boolean(),
      dueNow: z.object({ level: z.string(), label: z.string() }).nullable(),
      reason: z.string(),
    }),
  ),
});
export type DunningRow = z.infer<typeof DunningStatusResultSchema>["invoices"][number];

/** Any tool's reply when only its French text face matters. */
export const AnyResultSchema = z.unknown();

export const BillingStatusResultSchema = z.object({
  projectName: z.string(),
  clientName: z.string(),
  contracts: z.array(
    z.object({
      contractId: z.number().int(),
      name: z.string(),
      items: z.array(
        z.object({
          index: z.number().int(),
          description: z.string(),
          kind: z.string(),
          triggered: z.boolean(),
          triggeredOn: IsoDateSchema.nullable(),
          plannedAmount: AmountStringSchema.nullable(),
          invoicedAmount: AmountStringSchema,
          draftAmount: AmountStringSchema,
          readyToInvoice: AmountStringSchema,
          remainingAmount: AmountStringSchema.nullable(),
        }),
      ),
      remainingNet: AmountStringSchema.nullable(),
    }),
  ),
});
export type BillingStatusResult = z.infer<typeof BillingStatusResultSchema>;

const RecordPaymentArgsSchema = z.object({
  clientId: z.number().int(),
  amount: AmountStringSchema,
  receivedOn: IsoDateSchema,
  reference: z.string(),
  allocations: z.array(z.object({ invoice: z.string(), amount: AmountStringSchema })),
  bankLineId: z.number().int().optional(),
});

export const MatchBankStatementResultSchema = z.object({
  matches: z.array(
    z.object({
      lineId: z.string(),
      bankLineId: z.number().int().optional(),
      number: z.string(),
      clientName: z.string(),
      amount: AmountStringSchema,
      confidence: z.enum(["high", "medium", "low"]),
      reason: z.string(),
      recordPayment: RecordPaymentArgsSchema,
    }),
  ),
  unmatched: z.array(
    z.object({
      lineId: z.string(),
      bankLineId: z.number().int().optional(),
      date: IsoDateSchema,
      amount: AmountStringSchema,
      label: z.string(),
      reason: z.string(),
      candidates: z.array(z.string()),
    }),
  ),
  period: z.object({ from: IsoDateSchema, to: IsoDateSchema }).optional(),
});
export type BankMatch = z.infer<typeof MatchBankStatementResultSchema>["matches"][number];
