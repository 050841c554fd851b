import type { BillingEvent } from "../scenario/billingEvent.js";
import type { Trigger } from "../scenario/scheduleItem.js";

/** What a trigger is tested against: one replayed event, or the evaluation after a month's last day. */
export type Occurrence = { readonly kind: "event"; readonly event: BillingEvent } | { readonly kind: "end_of_month" };

/** True when `trigger` matches the occurrence (names compared exactly). Progress events trigger nothing by themselves. */
export function triggerMatches(trigger: Trigger, occurrence: Occurrence): boolean {
  if (occurrence.kind === "end_of_month") return trigger.on === "end_of_month";
  const event = occurrence.event;
  switch (trigger.on) {
    case "signature":
    case "start":
      return event.type === trigger.on;
    case "action":
    case "state":
    case "event":
      return event.type === trigger.on && event.name === trigger.name;
    case "end_of_month":
      return false;
  }
}
