import { describe, expect, it } from "vitest";
import { collectionsByRate, type RateAmounts } from "../../../../engine/einvoice/lifecycle/collectionsByRate.js";
import { Decimal, sum } from "../../../../engine/money/money.js";

const d = (s: string) => new Decimal(s);
// 1 000 € HT at 20 %, 500 € at 10 %, 200 € at 5,5 %: 1 961 € TTC.
const invoice: RateAmounts[] = [
  { rate: "20", gross: d("1200.00"), vat: d("200.00") },
  { rate: "10", gross: d("550.00"), vat: d("50.00") },
  { rate: "5.5", gross: d("211.00"), vat: d("11.00") },
];
const table = (parts: { rate: string; amount: Decimal; vat: Decimal }[] | undefined) => parts?.map((p) => [p.rate, p.amount.toFixed(2), p.vat.toFixed(2)]);

describe("collectionsByRate", () => {
  it("gives a full payment exactly the invoice's amounts per rate", () => {
    const result = collectionsByRate(invoice, [{ kind: "collection", key: "p1", amount: d("1961.00"), vat: d("261.00") }]);
    expect(table(result.get("p1"))).toEqual([["20", "1200.00", "200.00"], ["10", "550.00", "50.00"], ["5.5", "211.00", "11.00"]]);
  });

  it("spreads partial payments so each adds up to the amount and the VAT the ledger moved, and the last one settles every rate", () => {
    const result = collectionsByRate(invoice, [
      { kind: "collection", key: "p1", amount: d("700.00"), vat: d("93.17") },
      { kind: "collection", key: "p2", amount: d("1261.00"), vat: d("167.83") },
    ]);
    const p1 = result.get("p1") ?? [];
    const p2 = result.get("p2") ?? [];
    expect(sum(p1.map((p) => p.amount)).toFixed(2)).toBe("700.00");
    expect(sum(p1.map((p) => p.vat)).toFixed(2)).toBe("93.17");
    expect(sum(p2.map((p) => p.amount)).toFixed(2)).toBe("1261.00");
    expect(table(p1)).toEqual([["20", "428.35", "71.39"], ["10", "196.33", "17.85"], ["5.5", "75.32", "3.93"]]);
    const byRate = (rate: string) => sum([...p1, ...p2].filter((p) => p.rate === rate).map((p) => p.amount)).toFixed(2);
    expect([byRate("20"), byRate("10"), byRate("5.5")]).toEqual(["1200.00", "550.00", "211.00"]);
  });

  it("nets a credit note at its own rate: what is collected afterwards goes to what is still owed", () => {
    const result = collectionsByRate(invoice, [
      { kind: "credit_note", rates: [{ rate: "10", gross: d("-550.00"), vat: d("-50.00") }] },
      { kind: "collection", key: "p1", amount: d("1411.00"), vat: d("211.00") },
    ]);
    expect(table(result.get("p1"))).toEqual([["20", "1200.00", "200.00"], ["5.5", "211.00", "11.00"]]);
  });
});
