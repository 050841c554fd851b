import { describe, expect, it } from "vitest";
import { toAmountString } from "../../../engine/money/money.js";
import type { BillingEvent } from "../../../engine/scenario/billingEvent.js";
import { ContractSchema, type Contract } from "../../../engine/scenario/contract.js";
import { replaySchedule } from "../../../engine/schedule/replaySchedule.js";

const flatContract = (): Contract =>
  ContractSchema.parse({
    pricing: { type: "flat", amount: "1500.00" },
    schedule: [
      { label: "Acompte 25 %", bill: { percent: "25" }, trigger: { on: "start" }, deductible: true },
      { label: "Prestation", bill: { percent: "100" }, trigger: { on: "state", name: "terminé" }, closing: true },
    ],
  });

const events: BillingEvent[] = [
  { date: "2026-01-05", type: "start" },
  { date: "2026-03-20", type: "state", name: "terminé" },
];

function replayed(contract: Contract, evts: readonly BillingEvent[], until?: string) {
  const result = replaySchedule({ contract, events: evts }, { until });
  if (!result.ok) throw result.error;
  return result.value;
}

describe("replaySchedule", () => {
  it("tags each invoice with the schedule items that fired and each line with its source", () => {
    const result = replayed(flatContract(), events);
    expect(result.invoices.map((i) => i.itemIndexes)).toEqual([[0], [1]]);
    expect(result.invoices[1]?.lines.map((l) => l.source)).toEqual([
      { type: "item", itemIndex: 1 },
      { type: "deduction", invoiceIndex: 0, depositDate: "2026-01-05" },
    ]);
    expect(result.invoices[1]?.closing).toBe(true);
    expect(result.closedOn).toBe("2026-03-20");
  });

  it("reports per item the dates it fired, what it invoiced and what was deducted of it", () => {
    const result = replayed(flatContract(), events);
    expect(result.items.map((s) => ({ ...s, invoicedNet: toAmountString(s.invoicedNet), deductedNet: toAmountString(s.deductedNet) }))).toEqual([
      { index: 0, firedOn: ["2026-01-05"], invoicedNet: "375.00", deductedNet: "375.00" },
      { index: 1, firedOn: ["2026-03-20"], invoicedNet: "1500.00", deductedNet: "0.00" },
    ]);
  });

  it("replays only up to `until` (today for a real project): later events are not replayed", () => {
    const result = replayed(flatContract(), events, "2026-03-19");
    expect(result.invoices.map((i) => i.date)).toEqual(["2026-01-05"]);
    expect(result.closed).toBe(false);
    expect(result.until).toBe("2026-03-19");
  });

  it("evaluates the month ends up to `until` even after the last event", () => {
    const contract = ContractSchema.parse({
      pricing: { type: "rate", rate: "100", unit: "day" },
      schedule: [{ bill: { realized: "summary" }, trigger: { on: "end_of_month" } }],
    });
    const evts: BillingEvent[] = [{ date: "2026-01-20", type: "action", name: "Mission", quantity: "2" }];
    expect(replayed(contract, evts).invoices).toEqual([]);
    expect(replayed(contract, evts, "2026-01-31").invoices.map((i) => [i.date, toAmountString(i.netAmount)])).toEqual([["2026-01-31", "200.00"]]);
  });

  it("returns no invoice and an open dossier when nothing happened", () => {
    const result = replayed(flatContract(), []);
    expect(result).toMatchObject({ invoices: [], closed: false, closedOn: undefined, until: undefined });
  });

  it("fires a percent item only once, even when its trigger matches again", () => {
    const contract = ContractSchema.parse({
      pricing: { type: "flat", amount: "1000" },
      schedule: [{ bill: { percent: "10" }, trigger: { on: "state", name: "jalon" } }],
    });
    const evts: BillingEvent[] = [
      { date: "2026-01-05", type: "state", name: "jalon" },
      { date: "2026-02-05", type: "state", name: "jalon" },
    ];
    expect(replayed(contract, evts).invoices.map((i) => i.date)).toEqual(["2026-01-05"]);
  });

  it("fires a percent item at a later match when its conditions did not hold at the first", () => {
    const contract = ContractSchema.parse({
      pricing: { type: "flat", amount: "1000" },
      schedule: [{ bill: { percent: "10" }, trigger: { on: "state", name: "jalon" }, conditions: { monthsSinceStart: { min: 1 } } }],
    });
    const evts: BillingEvent[] = [
      { date: "2026-01-05", type: "start" },
      { date: "2026-01-20", type: "state", name: "jalon" },
      { date: "2026-02-05", type: "state", name: "jalon" },
    ];
    expect(replayed(contract, evts).invoices.map((i) => i.date)).toEqual(["2026-02-05"]);
  });

  it("puts items fired at the same instant with a closing item on the closing invoice, in schedule order", () => {
    const contract = ContractSchema.parse({
      pricing: { type: "flat", amount: "1000" },
      schedule: [
        { label: "Solde", bill: { percent: "80" }, trigger: { on: "state", name: "fin" }, closing: true },
        { label: "Prime", bill: { amount: "100" }, trigger: { on: "state", name: "fin" } },
      ],
    });
    const result = replayed(contract, [{ date: "2026-01-05", type: "state", name: "fin" }]);
    expect(result.invoices[0]?.lines.map((l) => [l.label, toAmountString(l.net)])).toEqual([
      ["Solde", "800.00"],
      ["Prime", "100.00"],
    ]);
  });

  it("gives the unbilled work to the first realized item of an instant; the next one has none and does not fire", () => {
    const contract = ContractSchema.parse({
      pricing: { type: "rate", rate: "10", unit: "hour" },
      schedule: [
        { label: "Premier", bill: { realized: "summary" }, trigger: { on: "action", name: "A" } },
        { label: "Second", bill: { realized: "detailed" }, trigger: { on: "action", name: "A" } },
      ],
    });
    const result = replayed(contract, [{ date: "2026-01-05", type: "action", name: "A", quantity: "3" }]);
    expect(result.invoices).toHaveLength(1);
    expect(result.invoices[0]?.itemIndexes).toEqual([0]);
    expect(result.invoices[0]?.lines.map((l) => toAmountString(l.net))).toEqual(["30.00"]);
  });

  it("merges what a realized summary item takes at two instants of one day into one line", () => {
    const contract = ContractSchema.parse({
      pricing: { type: "rate", rate: "10", unit: "hour" },
      schedule: [{ label: "Réalisé", bill: { realized: "summary" }, trigger: { on: "action", name: "A" } }],
    });
    const result = replayed(contract, [
      { date: "2026-01-05", type: "action", name: "A", quantity: "1" },
      { date: "2026-01-05", type: "action", name: "A", quantity: "2" },
    ]);
    expect(result.invoices.map((i) => i.lines.map((l) => toAmountString(l.net)))).toEqual([["30.00"]]);
  });

  it("makes a deposit invoice when every item on it is deductible, an invoice otherwise", () => {
    const contract = ContractSchema.parse({
      pricing: { type: "flat", amount: "1000" },
      schedule: [
        { bill: { percent: "10" }, trigger: { on: "signature" }, deductible: true },
        { bill: { percent: "10" }, trigger: { on: "signature" }, deductible: true },
        { bill: { percent: "10" }, trigger: { on: "start" }, deductible: true },
        { bill: { percent: "10" }, trigger: { on: "start" } },
      ],
    });
    const result = replayed(contract, [
      { date: "2026-01-05", type: "signature" },
      { date: "2026-01-06", type: "start" },
    ]);
    expect(result.invoices.map((i) => i.kind)).toEqual(["deposit", "invoice"]);
  });

  it("refuses an action unknown to the per_action price list, even without parseScenario", () => {
    const contract = ContractSchema.parse({
      pricing: { type: "per_action", actions: [{ name: "Entretien", price: "75", unit: "hour" }] },
      schedule: [],
    });
    const result = replaySchedule({ contract, events: [{ date: "2026-01-05", type: "action", name: "Atelier", quantity: "1" }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe("events[0].name : action inconnue de la liste de prix (« Atelier »)");
  });

  it("does not mutate its input", () => {
    const contract = flatContract();
    const evts = structuredClone(events);
    const before = JSON.stringify({ contract, evts });
    replayed(contract, evts);
    expect(JSON.stringify({ contract, evts })).toBe(before);
  });
});
