import { asc, eq } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { InputError, NotFoundError } from "../../engine/errors.js";
import { type Decimal, toDecimal } from "../../engine/money/money.js";
import type { Database } from "../database.js";
import { type InvoiceStatus, invoices } from "../schema/invoices.js";
import { type PaymentRow, payments } from "../schema/payments.js";
import { clientCredit } from "./clientCredit.js";
import { recordPayment as recordClientPayment } from "./recordPayment.js";

export interface StoredPayment extends Omit<PaymentRow, "amount"> {
  readonly amount: Decimal;
}

export interface RecordPaymentInput {
  /** Defaults to the client of the first invoice paid. */
  readonly clientId?: number | undefined;
  readonly receivedOn: IsoDate;
  readonly amount: Decimal;
  readonly method?: PaymentRow["method"] | undefined;
  readonly reference?: string | undefined;
  readonly payerName?: string | undefined;
  /** Stable key (bank transaction id, pending action id): recording twice returns the first. */
  readonly ref?: string | undefined;
  readonly allocations: readonly { readonly invoiceId: number; readonly amount: Decimal }[];
  readonly actor: string;
  readonly channel: string;
  readonly pendingActionId?: string | undefined;
  readonly now?: Date | undefined;
}

export interface RecordPaymentResult {
  readonly payment: StoredPayment;
  readonly allocations: readonly { invoiceId: number; number: string; amount: Decimal; status: InvoiceStatus }[];
  /** The overpayment left on the client account (411 in credit). */
  readonly unallocated: Decimal;
}

/**
 * Records a payment — the same single implementation as everywhere (`recordPayment.ts`: credit
 * notes counted, VAT made due from the ledger's pending VAT), with the client taken from the first
 * invoice when not given and the stored payment row returned.
 */
export async function recordPayment(db: Database, input: RecordPaymentInput): Promise<RecordPaymentResult> {
  let clientId = input.clientId;
  if (clientId === undefined) {
    const first = input.allocations[0];
    if (!first) throw new InputError("indiquez le client qui paie, ou les factures réglées", { field: "clientId" });
    const [invoice] = await db.select({ clientId: invoices.clientId }).from(invoices).where(eq(invoices.id, first.invoiceId));
    if (!invoice) throw new NotFoundError(`facture ${first.invoiceId} introuvable`, { field: "allocations[0].invoiceId" });
    clientId = invoice.clientId;
  }
  const result = await recordClientPayment(db, {
    clientId,
    amount: input.amount,
    receivedOn: input.receivedOn,
    method: input.method ?? "transfer",
    reference: input.reference,
    payerName: input.payerName,
    allocations: input.allocations,
    actor: input.actor,
    channel: input.channel,
    idempotencyKey: input.ref,
    pendingActionId: input.pendingActionId,
    now: input.now,
  });
  const [row] = await db.select().from(payments).where(eq(payments.id, result.paymentId));
  if (!row) throw new NotFoundError(`règlement ${result.paymentId} introuvable`);
  return {
    payment: { ...row, amount: toDecimal(row.amount) },
    allocations: result.allocations.map((a) => ({ invoiceId: a.invoiceId, number: a.number, amount: a.amount, status: a.status })),
    unallocated: result.unallocated,
  };
}

export async function listPayments(db: Database, filter: { clientId?: number } = {}): Promise<StoredPayment[]> {
  const rows = await db
    .select()
    .from(payments)
    .where(filter.clientId !== undefined ? eq(payments.clientId, filter.clientId) : undefined)
    .orderBy(asc(payments.receivedOn), asc(payments.id));
  return rows.map((p) => ({ ...p, amount: toDecimal(p.amount) }));
}

/** Payments with what is left unallocated (overpayments, unmatched transfers), for one client. */
export async function unallocatedPayments(db: Database, clientId: number): Promise<{ paymentId: number; receivedOn: IsoDate; unallocated: Decimal }[]> {
  return (await clientCredit(db, clientId)).payments.map((p) => ({ paymentId: p.paymentId, receivedOn: p.receivedOn, unallocated: p.available }));
}
