import { sql } from "drizzle-orm";
import { addDays, type IsoDate } from "../../engine/dates/plainDate.js";
import { toDecimal } from "../../engine/money/money.js";
import { PAYMENT_DELAY_LOOKBACK_DAYS, type PaymentDelayFacts } from "../../engine/receivables/paymentDelay.js";
import { type Database, rowsOf } from "../database.js";

/**
 * Each client's payments of the year ending on `asOf`, summed as `paymentDelayOf` needs them
 * (Σ amount, Σ amount × days between the invoice's due date and the day the money counted for it —
 * `paymentDelayFacts` of the same allocations gives the same sums). One statement; the statistic stays
 * in the engine. Allocations to invoices and deposit invoices only; a client credit imputed later
 * counts from its imputation date, as everywhere else.
 */
export async function loadPaymentDelayFacts(db: Database, asOf: IsoDate, options: { readonly clientId?: number | undefined } = {}): Promise<PaymentDelayFacts[]> {
  const from = addDays(asOf, -(PAYMENT_DELAY_LOOKBACK_DAYS - 1));
  const rows = rowsOf<{ client_id: number; amount: string; amount_days: string; count: number | string }>(
    await db.execute(sql`
      select i.client_id, sum(a.amount)::text as amount,
             sum(a.amount * (coalesce(a.allocated_on, p.received_on) - i.due_date))::text as amount_days, count(*) as count
      from payment_allocations a
      join payments p on p.id = a.payment_id
      join invoices i on i.id = a.invoice_id
      where i.kind <> 'credit_note' and i.due_date is not null
        and coalesce(a.allocated_on, p.received_on) between ${from} and ${asOf}
        and ${options.clientId === undefined ? sql`true` : sql`i.client_id = ${options.clientId}`}
      group by i.client_id
      order by i.client_id`),
  );
  return rows.map((r) => ({ clientId: String(r.client_id), amount: toDecimal(r.amount), amountDays: toDecimal(r.amount_days), count: Number.parseInt(String(r.count), 10) }));
}
