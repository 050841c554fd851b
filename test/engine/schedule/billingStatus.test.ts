import { describe, expect, it } from "vitest";
import { toAmountString } from "../../../engine/money/money.js";
import { ContractSchema } from "../../../engine/scenario/contract.js";
import { billingStatus } from "../../../engine/schedule/billingStatus.js";
import { replaySchedule } from "../../../engine/schedule/replaySchedule.js";

const amount = (d: { toString(): string } | null) => (d === null ? null : d.toString());

describe("billingStatus", () => {
  const contract = ContractSchema.parse({
    pricing: { type: "flat", amount: "45000.00" },
    schedule: [
      { label: "Signature", bill: { percent: "30" }, trigger: { on: "signature" } },
      { label: "Maquettes", bill: { percent: "30" }, trigger: { on: "action", name: "Maquettes validées" } },
      { label: "Livraison", bill: { percent: "20" }, trigger: { on: "action", name: "Livraison recettée" } },
      { label: "MEP", bill: { percent: "20" }, trigger: { on: "action", name: "MEP" }, closing: true },
    ],
  });
  const replay = replaySchedule(
    {
      contract,
      events: [
        { date: "2026-02-02", type: "signature" },
        { date: "2026-03-16", type: "action", name: "Maquettes validées", quantity: "1" },
      ],
    },
    { until: "2026-04-01" },
  );
  if (!replay.ok) throw replay.error;
  const status = billingStatus(contract, replay.value);

  it("tells per item whether and when it was triggered", () => {
    expect(status.items.map((i) => [i.triggered, i.firstTriggeredOn])).toEqual([
      [true, "2026-02-02"],
      [true, "2026-03-16"],
      [false, undefined],
      [false, undefined],
    ]);
  });

  it("gives per item the invoiced and remaining amounts and their percent of the price", () => {
    expect(status.items.map((i) => [toAmountString(i.invoicedAmount), amount(i.invoicedPercent), amount(i.remainingAmount), amount(i.remainingPercent)])).toEqual([
      ["13500.00", "30", "0", "0"],
      ["13500.00", "30", "0", "0"],
      ["0.00", "0", "9000", "20"],
      ["0.00", "0", "9000", "20"],
    ]);
  });

  it("totals what was billed and what remains, with the billing progress in percent", () => {
    expect(toAmountString(status.totals.billedNet)).toBe("27000.00");
    expect(amount(status.totals.billedPercent)).toBe("60");
    expect(amount(status.totals.remainingNet)).toBe("18000");
    expect(status.totals).toMatchObject({ invoiceCount: 2, closed: false, closedOn: undefined });
  });

  it("describes each item in French", () => {
    expect(status.items[0]?.description).toBe("Signature : 30 % du prix — à la signature");
    expect(status.items[3]?.description).toBe("MEP : 20 % du prix — à l'action « MEP » (solde)");
  });

  it("has no price, planned amount nor percent for realized work", () => {
    const rate = ContractSchema.parse({
      pricing: { type: "rate", rate: "70", unit: "hour" },
      schedule: [{ bill: { realized: "summary" }, trigger: { on: "end_of_month" } }],
    });
    const r = replaySchedule({ contract: rate, events: [{ date: "2026-01-10", type: "action", name: "A", quantity: "2" }] }, { until: "2026-01-31" });
    if (!r.ok) throw r.error;
    const s = billingStatus(rate, r.value);
    expect(s.price).toBeNull();
    expect(s.items[0]).toMatchObject({ plannedAmount: null, invoicedPercent: null, remainingAmount: null, triggered: true });
    expect(toAmountString(s.items[0]?.invoicedAmount ?? s.totals.billedNet)).toBe("140.00");
  });
});
