import type { LocalDateTime } from "../../engine/einvoice/lifecycle/lifecycleMessage.js";

/** The Paris wall-clock time of an instant, "2026-11-20T10:05:00" (CDAR date-times carry no zone). */
export function parisDateTime(instant: Date): LocalDateTime {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}`;
}
