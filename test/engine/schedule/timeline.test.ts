import { describe, expect, it } from "vitest";
import type { BillingEvent } from "../../../engine/scenario/billingEvent.js";
import { buildTimeline } from "../../../engine/schedule/timeline.js";

describe("buildTimeline", () => {
  const events: BillingEvent[] = [
    { date: "2026-02-28", type: "state", name: "b" },
    { date: "2026-01-10", type: "state", name: "a" },
    { date: "2026-02-28", type: "state", name: "c" },
  ];

  it("orders days by date and keeps the file order of same-date events", () => {
    const { days } = buildTimeline(events);
    expect(days.map((d) => [d.date, d.events.map((e) => e.index), d.monthEnd])).toEqual([
      ["2026-01-10", [1], false],
      ["2026-01-31", [], true],
      ["2026-02-28", [0, 2], true],
    ]);
  });

  it("adds every month end from the first event's month up to until, and drops events after until", () => {
    const { days, until } = buildTimeline(events, "2026-04-30");
    expect(days.filter((d) => d.monthEnd).map((d) => d.date)).toEqual(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
    expect(until).toBe("2026-04-30");
    expect(buildTimeline(events, "2026-02-27").days.map((d) => d.date)).toEqual(["2026-01-10", "2026-01-31"]);
  });

  it("is empty without events", () => {
    expect(buildTimeline([], "2026-12-31").days).toEqual([]);
  });
});
