import { z } from "zod";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { EntityRefSchema } from "./entityMatch.js";
import { OutOfScopeReasonSchema } from "./outOfScope.js";
import { PeriodSchema } from "./period.js";
import { TimeUnitSchema } from "./quantity.js";

/** Decimal strings on the wire: amounts "16200.00", percentages and quantities "30", "2.5". */
const PlainDecimalSchema = z.string().regex(/^\d+(\.\d+)?$/);
const InvoiceNumberSchema = z.string().regex(/^[A-Z]{1,2}-\d{4}-\d{3,6}$/);

const entity = EntityRefSchema.optional();

export const ReminderLevelSchema = z.enum(["pre_due", "cordial", "ferme", "mise_en_demeure"]);
export type ReminderLevel = z.infer<typeof ReminderLevelSchema>;

export const InvoiceKindSchema = z.enum(["milestone", "deposit", "balance", "time_and_materials", "progress", "group"]);
export type InvoiceKind = z.infer<typeof InvoiceKindSchema>;

/**
 * What the user asked, with its slots: the offline runner's reading of one request. Every slot is
 * optional (the runner asks for what is missing); amounts are decimal strings, dates ISO strings,
 * references to the database's names are `EntityRef`s (matched, possibly from the conversation's
 * context, or ambiguous with candidates).
 */
export const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("prepare_invoice"), client: entity, project: entity, milestone: entity, kind: InvoiceKindSchema.optional(), percent: PlainDecimalSchema.optional(), amount: AmountStringSchema.optional(), period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("record_milestone"), project: entity, milestone: entity, date: IsoDateSchema.optional() }),
  z.object({ intent: z.literal("record_time"), client: entity, project: entity, quantity: PlainDecimalSchema.optional(), unit: TimeUnitSchema.optional(), activity: z.string().optional(), period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("record_progress"), project: entity, lot: entity, percent: PlainDecimalSchema.optional(), amount: AmountStringSchema.optional() }),
  z.object({ intent: z.literal("issue_credit_note"), client: entity, invoiceNumber: InvoiceNumberSchema.optional(), amount: AmountStringSchema.optional(), reason: z.string().optional() }),
  z.object({ intent: z.literal("billing_status"), client: entity, project: entity }),
  z.object({ intent: z.literal("month_end_realized"), client: entity, project: entity, period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("abandonment"), beneficiary: entity, beneficiaryName: z.string().optional(), project: entity, date: IsoDateSchema.optional() }),
  z.object({ intent: z.literal("payment_status"), scope: z.enum(["overall", "invoice", "client"]), client: entity, project: entity, invoiceNumber: InvoiceNumberSchema.optional(), period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("overdue_list"), client: entity }),
  z.object({ intent: z.literal("due_soon"), client: entity, period: PeriodSchema }),
  z.object({ intent: z.literal("dso"), client: entity, period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("aging"), client: entity }),
  z.object({ intent: z.literal("unpaid_over"), client: entity, days: z.number().int().nonnegative(), amountOver: AmountStringSchema.optional() }),
  z.object({ intent: z.literal("record_payment"), client: entity, amount: AmountStringSchema.optional(), date: IsoDateSchema.optional(), invoiceNumber: InvoiceNumberSchema.optional() }),
  z.object({ intent: z.literal("reconcile_bank"), period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("recovery_rate"), period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("client_not_paid"), client: entity, project: entity, invoiceNumber: InvoiceNumberSchema.optional(), period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("draft_reminder"), client: entity, project: entity, invoiceNumber: InvoiceNumberSchema.optional(), level: ReminderLevelSchema.optional(), overdueForDays: z.number().int().nonnegative().optional(), bulk: z.boolean() }),
  z.object({ intent: z.literal("reminder_history"), client: entity, project: entity, period: PeriodSchema.optional() }),
  z.object({ intent: z.literal("send_reminder"), client: entity, project: entity, invoiceNumber: InvoiceNumberSchema.optional() }),
  z.object({ intent: z.literal("confirm"), answer: z.enum(["yes", "no"]) }),
  z.object({ intent: z.literal("out_of_scope"), reason: OutOfScopeReasonSchema, reply: z.string() }),
  z.object({ intent: z.literal("unknown") }),
]);
export type Intent = z.infer<typeof IntentSchema>;
export type IntentName = Intent["intent"];
