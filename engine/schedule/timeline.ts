import { addMonths, endOfMonth, type IsoDate } from "../dates/plainDate.js";
import type { BillingEvent } from "../scenario/billingEvent.js";

/** One day of the replay: its events in file order, and whether `end_of_month` items are evaluated after them. */
export interface TimelineDay {
  readonly date: IsoDate;
  readonly events: readonly { readonly event: BillingEvent; readonly index: number }[];
  readonly monthEnd: boolean;
}

/**
 * Rule 1: events in date order, same-date events in file order; after the events of a month's last
 * day, the month-end evaluation — for every month end from the first event's month up to `until`
 * (default: the last event date). Choice: events dated after `until` are not replayed (a real
 * project replays up to today).
 */
export function buildTimeline(events: readonly BillingEvent[], until?: IsoDate): { days: TimelineDay[]; until: IsoDate | undefined } {
  const indexed = events.map((event, index) => ({ event, index }));
  // Array.prototype.sort is stable: same-date events keep their file order.
  indexed.sort((a, b) => (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : 0));
  const first = indexed[0];
  const last = indexed[indexed.length - 1];
  if (first === undefined || last === undefined) return { days: [], until };
  const end = until ?? last.event.date;

  const byDate = new Map<IsoDate, { event: BillingEvent; index: number }[]>();
  for (const entry of indexed) {
    if (entry.event.date > end) continue;
    const list = byDate.get(entry.event.date);
    if (list) list.push(entry);
    else byDate.set(entry.event.date, [entry]);
  }
  const monthEnds = new Set<IsoDate>();
  for (let m = endOfMonth(first.event.date); m <= end; m = endOfMonth(addMonths(m.slice(0, 8) + "01", 1))) monthEnds.add(m);

  const dates = [...new Set([...byDate.keys(), ...monthEnds])].sort();
  return {
    days: dates.map((date) => ({ date, events: byDate.get(date) ?? [], monthEnd: monthEnds.has(date) })),
    until: end,
  };
}
