import { z } from "zod";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { PeriodSchema } from "./period.js";

/** Decimal strings: percentages and quantities "30", "2.5". */
const PlainDecimalSchema = z.string().regex(/^\d+(\.\d+)?$/);

export const InvoiceStatusWordSchema = z.enum(["draft", "issued", "unpaid", "partially_paid", "paid", "overdue", "credited", "cancelled", "disputed"]);
export type InvoiceStatusWord = z.infer<typeof InvoiceStatusWordSchema>;
export const ReminderLevelSchema = z.enum(["pre_due", "r1", "r2", "r3", "escalation"]);
export type ReminderLevel = z.infer<typeof ReminderLevelSchema>;
export const InvoiceKindSchema = z.enum(["milestone", "deposit", "balance", "time_and_materials", "progress", "credit_note"]);
export type InvoiceKind = z.infer<typeof InvoiceKindSchema>;
export const PaymentMethodSchema = z.enum(["transfer", "cheque", "direct_debit", "card", "cash"]);
export const OutOfScopeReasonSchema = z.enum(["technical_choice", "development", "acceptance_testing", "deployment", "off_topic"]);
export type OutOfScopeReason = z.infer<typeof OutOfScopeReasonSchema>;

/**
 * The slots of the catalogue and their normalised values (intent-catalogue.md, « Slot value formats »):
 * names as the database writes them, amounts as decimal strings, dates ISO, periods closed ranges.
 */
export const SlotValuesSchema = z
  .object({
    client: z.string().min(1),
    project: z.string().min(1),
    milestone: z.string().min(1),
    lot: z.string().min(1),
    beneficiary: z.string().min(1),
    invoice: z.string().regex(/^(F|AV)-\d{4}-\d{4,6}$/),
    amount: AmountStringSchema,
    amountBasis: z.enum(["HT", "TTC"]),
    amountOver: AmountStringSchema,
    date: IsoDateSchema,
    period: PeriodSchema,
    percent: PlainDecimalSchema,
    quantity: PlainDecimalSchema,
    unit: z.enum(["day", "hour"]),
    activity: z.string().min(1),
    method: PaymentMethodSchema,
    level: ReminderLevelSchema,
    kind: InvoiceKindSchema,
    status: z.array(InvoiceStatusWordSchema).min(1),
    overdueDays: z.number().int().positive(),
    bulk: z.literal(true),
    answer: z.enum(["yes", "no"]),
    reason: OutOfScopeReasonSchema,
    scope: z.literal("all"),
  })
  .partial()
  .strict();
export type SlotValues = z.infer<typeof SlotValuesSchema>;
export type SlotName = keyof SlotValues;
export const SLOT_NAMES = Object.keys(SlotValuesSchema.shape) as SlotName[];
