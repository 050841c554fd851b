import { z } from "zod";
import { addDays, daysBetween, type IsoDate } from "../dates/plainDate.js";
import { IsoDateSchema } from "../wire/isoDate.js";

/** A reporting period, both ends inclusive. */
export const ReportingPeriodSchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .refine((p) => p.from <= p.to, { path: ["from"], message: "doit précéder ou égaler la fin de la période" });
export type ReportingPeriod = z.infer<typeof ReportingPeriodSchema>;

export const DEFAULT_PERIOD_DAYS = 90;

/** The `days` days ending on `asOf` included: lastDays("2026-03-31", 90) = 2026-01-01 … 2026-03-31. */
export function lastDays(asOf: IsoDate, days: number = DEFAULT_PERIOD_DAYS): ReportingPeriod {
  if (!Number.isInteger(days) || days < 1) throw new RangeError("lastDays: days must be a positive integer");
  return { from: addDays(asOf, -(days - 1)), to: asOf };
}

/** Number of days in the period, both ends included. */
export function periodLength(period: ReportingPeriod): number {
  return daysBetween(period.from, period.to) + 1;
}

export function inPeriod(date: IsoDate, period: ReportingPeriod): boolean {
  return date >= period.from && date <= period.to;
}
