import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { endOfMonth, type IsoDate } from "../engine/dates/plainDate.js";
import { type Decimal, ZERO, sum, toAmountString, toDecimal } from "../engine/money/money.js";
import type { BillingEvent } from "../engine/scenario/billingEvent.js";
import { ContractSchema } from "../engine/scenario/contract.js";
import { replaySchedule } from "../engine/schedule/replaySchedule.js";
import { type Database, rowsOf } from "../db/database.js";
import { contracts, events } from "../db/schema/index.js";

/** Per régie contract, the net the month-end invoice bills (decimal strings), keyed by contract id. */
export type MonthEndTotals = Map<number, string>;

/**
 * (a) Our code path: the régie contracts and their unbilled time read through the schema, then the
 * engine replays each contract's schedule over its unbilled entries up to the month end.
 */
export async function monthEndByEngine(db: Database, today: IsoDate): Promise<MonthEndTotals> {
  const until = endOfMonth(today);
  const regie = await db.select().from(contracts).where(inArray(sql`${contracts.pricing}->>'type'`, ["rate", "per_action"]));
  const rows = await db
    .select({ contractId: events.contractId, occurredOn: events.occurredOn, name: events.name, quantity: events.quantity })
    .from(events)
    .where(and(eq(events.type, "action"), isNull(events.billedInvoiceId), lte(events.occurredOn, until)))
    .orderBy(asc(events.contractId), asc(events.occurredOn), asc(events.id));
  const byContract = new Map<number, BillingEvent[]>();
  for (const r of rows) {
    const list = byContract.get(r.contractId) ?? [];
    list.push({ date: r.occurredOn, type: "action", name: r.name ?? "", quantity: r.quantity ?? "1" });
    byContract.set(r.contractId, list);
  }
  const totals: MonthEndTotals = new Map();
  for (const c of regie) {
    const list = byContract.get(c.id);
    if (!list) continue;
    const contract = ContractSchema.parse({ vatRate: c.vatRate, pricing: c.pricing, schedule: c.schedule, ...(c.paymentTerms ? { paymentTerms: c.paymentTerms } : {}) });
    const replayed = replaySchedule({ contract, events: list }, { until });
    if (!replayed.ok) throw replayed.error;
    const net: Decimal = sum(replayed.value.invoices.map((i) => i.netAmount));
    if (!net.equals(ZERO)) totals.set(c.id, toAmountString(net));
  }
  return totals;
}

/** (a) The plain SQL a DBA would write: unbilled days × rate, per contract, rounded to the cent. */
export async function monthEndBySql(db: Database, today: IsoDate): Promise<MonthEndTotals> {
  const until = endOfMonth(today);
  const rows = rowsOf<{ contract_id: number; net: string }>(
    await db.execute(sql`
      select e.contract_id, round(sum(e.quantity * (c.pricing->>'rate')::numeric), 2)::text as net
      from events e join contracts c on c.id = e.contract_id
      where e.type = 'action' and e.billed_invoice_id is null and e.occurred_on <= ${until}
        and c.pricing->>'type' = 'rate'
      group by e.contract_id`),
  );
  return new Map(rows.filter((r) => !toDecimal(r.net).isZero()).map((r) => [Number(r.contract_id), toAmountString(toDecimal(r.net))]));
}
