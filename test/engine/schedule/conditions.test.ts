import { describe, expect, it } from "vitest";
import { Decimal, ZERO } from "../../../engine/money/money.js";
import { conditionsHold } from "../../../engine/schedule/conditions.js";

const ctx = (date: string, over: Partial<Parameters<typeof conditionsHold>[1]> = {}) => ({
  date,
  startDate: "2026-01-15",
  realizedQuantity: ZERO,
  plannedQuantity: null,
  ...over,
});

describe("conditionsHold", () => {
  it("holds without conditions", () => {
    expect(conditionsHold(undefined, ctx("2026-01-01", { startDate: undefined }))).toBe(true);
  });

  it("counts whole calendar months from the start: min inclusive", () => {
    const c = { monthsSinceStart: { min: 4 } };
    expect(conditionsHold(c, ctx("2026-05-14"))).toBe(false);
    expect(conditionsHold(c, ctx("2026-05-15"))).toBe(true);
  });

  it("treats max as exclusive", () => {
    const c = { monthsSinceStart: { max: 4 } };
    expect(conditionsHold(c, ctx("2026-05-14"))).toBe(true);
    expect(conditionsHold(c, ctx("2026-05-15"))).toBe(false);
  });

  it("does not hold without a start", () => {
    expect(conditionsHold({ monthsSinceStart: { min: 0 } }, ctx("2026-05-15", { startDate: undefined }))).toBe(false);
  });

  it("measures attendance as realized / planned × 100: min inclusive, max exclusive", () => {
    const c = { attendancePercent: { min: "25", max: "80" } };
    const at = (q: string) => conditionsHold(c, ctx("2026-02-01", { realizedQuantity: new Decimal(q), plannedQuantity: new Decimal(20) }));
    expect([at("4.99"), at("5"), at("15.99"), at("16")]).toEqual([false, true, true, false]);
  });

  it("does not hold an attendance condition without a planned quantity", () => {
    expect(conditionsHold({ attendancePercent: { min: "0" } }, ctx("2026-02-01"))).toBe(false);
  });
});
