import { z } from "zod";
import { PAYMENT_METHODS } from "../../db/repositories/recordPayment.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";

/** The exact payload a human approves (and the executor records): JSON only, amounts as strings, database ids. */
export const RecordPaymentPayloadSchema = z.object({
  clientId: z.number().int().positive(),
  clientName: z.string(),
  amount: AmountStringSchema,
  receivedOn: IsoDateSchema,
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  payerName: z.string().nullable(),
  mode: z.enum(["automatic", "explicit"]),
  allocations: z.array(
    z.object({
      invoiceId: z.number().int().positive(),
      number: z.string(),
      amount: AmountStringSchema,
      /** The part of `amount` taken from the client's credit (earlier overpayments), the rest from this payment. */
      fromCredit: AmountStringSchema.optional(),
      outstandingBefore: AmountStringSchema,
      outstandingAfter: AmountStringSchema,
    }),
  ),
  /** The part of this payment left unallocated (kept as the client's credit). */
  unallocated: AmountStringSchema,
  /** The client's credit before this payment, and how much of it this action imputes. */
  clientCredit: z.object({ available: AmountStringSchema, used: AmountStringSchema }).optional(),
  /** The imported bank statement line this payment comes from (linked to the payment on execution). */
  bankLine: z.object({ id: z.number().int().positive(), bookingDate: IsoDateSchema, label: z.string() }).optional(),
});
export type RecordPaymentPayload = z.infer<typeof RecordPaymentPayloadSchema>;
