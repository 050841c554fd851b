import { describe, expect, it } from "vitest";
import { toAmountString, toPlainString } from "../../../engine/money/money.js";
import type { Pricing } from "../../../engine/scenario/pricing.js";
import { attendanceQuantityOf, realizedLines, workOf, type WorkEntry } from "../../../engine/schedule/realizedWork.js";

const perAction: Pricing = {
  type: "per_action",
  actions: [
    { name: "Info", unit: "free" },
    { name: "Atelier", price: "300.00", unit: "day" },
    { name: "Dossier", price: "150.00", unit: "flat" },
    { name: "Entretien", price: "60.00", unit: "hour" },
  ],
  plannedQuantity: "10",
};
const amountOf = (e: WorkEntry | undefined) => (e === undefined ? "aucun" : toAmountString(e.amount));
const action = (name: string, quantity: string) => ({ date: "2026-03-02", type: "action" as const, name, quantity });

describe("workOf", () => {
  it("records quantity × price for hour and day units, the price alone for flat, nothing for free", () => {
    expect(amountOf(workOf(perAction, action("Atelier", "1.5"), 0))).toBe("450.00");
    expect(amountOf(workOf(perAction, action("Entretien", "2"), 0))).toBe("120.00");
    const flat = workOf(perAction, action("Dossier", "3"), 0);
    expect([amountOf(flat), flat && toPlainString(flat.quantity)]).toEqual(["150.00", "1"]);
    expect(workOf(perAction, action("Info", "1"), 0)).toBeUndefined();
  });

  it("records quantity × rate for rate pricing and nothing for flat pricing", () => {
    expect(amountOf(workOf({ type: "rate", rate: "70", unit: "hour" }, action("X", "3.5"), 0))).toBe("245.00");
    expect(workOf({ type: "flat", amount: "100" }, action("X", "3.5"), 0)).toBeUndefined();
  });
});

describe("attendanceQuantityOf", () => {
  it("counts every action's quantity except free ones", () => {
    expect([attendanceQuantityOf(perAction, action("Info", "2")), attendanceQuantityOf(perAction, action("Entretien", "2"))].map(toPlainString)).toEqual(["0", "2"]);
  });
});

describe("realizedLines", () => {
  const entries = [workOf({ type: "rate", rate: "10.005", unit: "hour" }, action("A", "1"), 0), workOf({ type: "rate", rate: "10.005", unit: "hour" }, action("B", "3"), 1)].filter(
    (e) => e !== undefined,
  );

  it("detailed: one line per action, each net rounded half away from zero", () => {
    expect(realizedLines(entries, "detailed", undefined, 0).map((l) => [l.label, toAmountString(l.net)])).toEqual([
      ["A", "10.01"],
      ["B", "30.02"],
    ]);
  });

  it("summary: one line rounding the exact sum once", () => {
    expect(realizedLines(entries, "summary", "Réalisé du mois", 0).map((l) => [l.label, toAmountString(l.net)])).toEqual([["Réalisé du mois", "40.02"]]);
  });
});
