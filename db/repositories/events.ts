import { and, asc, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { NotFoundError } from "../../engine/errors.js";
import { type Decimal, toDecimal } from "../../engine/money/money.js";
import type { Database } from "../database.js";
import { type EventRow, type NewEventRow, events } from "../schema/events.js";

export interface StoredEvent extends Omit<EventRow, "quantity" | "percent" | "amount"> {
  readonly quantity: Decimal | null;
  readonly percent: Decimal | null;
  readonly amount: Decimal | null;
}

export type EventInput = Omit<NewEventRow, "id" | "recordedAt" | "quantity" | "percent" | "amount" | "billedInvoiceId"> & {
  quantity?: Decimal | undefined;
  percent?: Decimal | undefined;
  amount?: Decimal | undefined;
};

function fromRow(r: EventRow): StoredEvent {
  return {
    ...r,
    quantity: r.quantity === null ? null : toDecimal(r.quantity),
    percent: r.percent === null ? null : toDecimal(r.percent),
    amount: r.amount === null ? null : toDecimal(r.amount),
  };
}

/** Records an event (signature, start, time entry, state, named event, progress) with who recorded it. */
export async function recordEvent(db: Database, input: EventInput): Promise<StoredEvent> {
  const [row] = await db
    .insert(events)
    .values({
      ...input,
      quantity: input.quantity?.toString() ?? null,
      percent: input.percent?.toString() ?? null,
      amount: input.amount?.toString() ?? null,
    })
    .returning();
  if (!row) throw new NotFoundError("événement non enregistré");
  return fromRow(row);
}

export async function listEvents(
  db: Database,
  filter: { contractId: number; from?: IsoDate; to?: IsoDate; unbilledOnly?: boolean },
): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        eq(events.contractId, filter.contractId),
        filter.from ? gte(events.occurredOn, filter.from) : undefined,
        filter.to ? lte(events.occurredOn, filter.to) : undefined,
        filter.unbilledOnly ? isNull(events.billedInvoiceId) : undefined,
      ),
    )
    .orderBy(asc(events.occurredOn), asc(events.id));
  return rows.map(fromRow);
}

/** Marks realized work as billed by an invoice (call it inside the issuing transaction). */
export async function markEventsBilled(db: Database, eventIds: readonly number[], invoiceId: number): Promise<void> {
  if (eventIds.length === 0) return;
  await db.update(events).set({ billedInvoiceId: invoiceId }).where(and(inArray(events.id, [...eventIds]), isNull(events.billedInvoiceId)));
}
