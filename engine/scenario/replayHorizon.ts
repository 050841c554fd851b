import { formatDateShortFr } from "../dates/plainDate.js";
import { InputError } from "../errors.js";
import type { BillingEvent } from "./billingEvent.js";

/**
 * The last day a schedule is replayed to. A replay walks every month end up to its end date and dates
 * due dates after it, so an end such as 9999-12-31 would run past the calendar the product writes (four-digit
 * years); no contract runs for centuries, so the end is bounded well before that.
 */
export const REPLAY_HORIZON = "2199-12-31";

/** Refuses a replay that would end after REPLAY_HORIZON: `until`, or without it the last event (French, naming the field). */
export function checkReplayHorizon(events: readonly BillingEvent[], until: string | undefined): InputError | undefined {
  const limit = `au plus le ${formatDateShortFr(REPLAY_HORIZON)} : un échéancier ne se rejoue pas au-delà`;
  if (until !== undefined) {
    return until > REPLAY_HORIZON ? new InputError(`${limit} ; indiquez une date de fin réaliste, ou omettez until pour s'arrêter au dernier événement`, { field: "until", code: "beyond_horizon" }) : undefined;
  }
  const late = events.findIndex((e) => e.date > REPLAY_HORIZON);
  return late < 0 ? undefined : new InputError(`${limit} ; corrigez la date de l'événement`, { field: `events[${late}].date`, code: "beyond_horizon" });
}
