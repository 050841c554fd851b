import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, formatDateShortFr } from "../../../engine/dates/plainDate.js";

/** Any real date from 1600 to 2400, as an ISO string. */
const isoDate = fc.integer({ min: 0, max: 292_000 }).map((n) => Temporal.PlainDate.from("1600-01-01").add({ days: n }).toString());

describe("addDays", () => {
  it("agrees with Temporal across years, months and leap days", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => {
        expect(addDays(date, days)).toBe(Temporal.PlainDate.from(date).add({ days }).toString());
      }),
    );
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("refuses a date that does not exist", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });
});

describe("daysBetween", () => {
  it("agrees with Temporal and is signed", () => {
    fc.assert(
      fc.property(isoDate, isoDate, (from, to) => {
        expect(daysBetween(from, to)).toBe(Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: "days" }).days);
      }),
    );
    expect(daysBetween("2026-03-31", "2026-02-28")).toBe(-31);
  });

  it("refuses a date that does not exist", () => {
    expect(() => daysBetween("2026-04-31", "2026-05-01")).toThrow(RangeError);
  });
});

describe("formatDateShortFr", () => {
  it("writes day/month/year and refuses a date that does not exist", () => {
    expect(formatDateShortFr("2026-03-05")).toBe("05/03/2026");
    expect(() => formatDateShortFr("2026-13-01")).toThrow(RangeError);
  });
});
