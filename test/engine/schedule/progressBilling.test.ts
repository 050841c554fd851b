import { describe, expect, it } from "vitest";
import { toAmountString } from "../../../engine/money/money.js";
import { initialLotProgress, progressLines, recordProgress, takeProgressChanges } from "../../../engine/schedule/progressBilling.js";

const lotsOf = () => initialLotProgress([{ name: "A", amount: "120000.00" }, { name: "B", amount: "80000.00" }]);
const changes = (lots: ReturnType<typeof lotsOf>) => takeProgressChanges(lots).map((c) => [c.lot, toAmountString(c.amount)]);

describe("takeProgressChanges", () => {
  it("bills lot amount × (cumulative % − billed %) / 100, then nothing until progress changes", () => {
    const lots = lotsOf();
    recordProgress(lots, { date: "2026-03-10", type: "progress", lot: "A", percent: "25" });
    expect(changes(lots)).toEqual([["A", "30000.00"]]);
    expect(changes(lots)).toEqual([]);
    recordProgress(lots, { date: "2026-04-10", type: "progress", lot: "A", percent: "60" });
    expect(changes(lots)).toEqual([["A", "42000.00"]]);
  });

  it("gives a negative amount when progress goes down", () => {
    const lots = lotsOf();
    recordProgress(lots, { date: "2026-03-10", type: "progress", lot: "A", percent: "60" });
    takeProgressChanges(lots);
    recordProgress(lots, { date: "2026-05-10", type: "progress", lot: "A", percent: "55" });
    expect(changes(lots)).toEqual([["A", "-6000.00"]]);
  });

  it("bills the amount difference when the amount is the reference, mixing with percents", () => {
    const lots = lotsOf();
    recordProgress(lots, { date: "2026-03-10", type: "progress", lot: "B", amount: "10000.00" });
    expect(changes(lots)).toEqual([["B", "10000.00"]]);
    recordProgress(lots, { date: "2026-03-11", type: "progress", lot: "B", percent: "25" });
    expect(changes(lots)).toEqual([["B", "10000.00"]]);
  });

  it("takes the latest value of the period only: up then back down to the billed value is no change", () => {
    const lots = lotsOf();
    recordProgress(lots, { date: "2026-03-10", type: "progress", lot: "A", percent: "40" });
    recordProgress(lots, { date: "2026-03-11", type: "progress", lot: "A", percent: "0" });
    expect(changes(lots)).toEqual([]);
  });
});

describe("progressLines", () => {
  it("detailed: one line per changed lot in pricing order, each rounded half away from zero", () => {
    const lots = initialLotProgress([{ name: "A", amount: "0.10" }, { name: "B", amount: "0.10" }]);
    recordProgress(lots, { date: "2026-03-10", type: "progress", lot: "B", percent: "25" });
    recordProgress(lots, { date: "2026-03-10", type: "progress", lot: "A", percent: "75" });
    const lines = progressLines(takeProgressChanges(lots), "detailed", undefined, 0, ["A", "B"]);
    expect(lines.map((l) => [l.label, toAmountString(l.net)])).toEqual([
      ["A", "0.08"],
      ["B", "0.03"],
    ]);
  });

  it("global: one line rounding the exact sum once", () => {
    const lots = initialLotProgress([{ name: "A", amount: "0.10" }, { name: "B", amount: "0.10" }]);
    recordProgress(lots, { date: "2026-03-10", type: "progress", lot: "B", percent: "25" });
    recordProgress(lots, { date: "2026-03-10", type: "progress", lot: "A", percent: "75" });
    const lines = progressLines(takeProgressChanges(lots), "global", "Situation", 2, ["A", "B"]);
    expect(lines.map((l) => [l.label, toAmountString(l.net), l.source])).toEqual([["Situation", "0.10", { type: "item", itemIndex: 2 }]]);
  });
});
