import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, HUNDRED, roundCents, sum } from "../../../engine/money/money.js";
import { ContractSchema } from "../../../engine/scenario/contract.js";
import { replaySchedule } from "../../../engine/schedule/replaySchedule.js";

const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => new Decimal(c).dividedBy(100).toFixed(2));
const percent = fc.oneof(fc.integer({ min: 0, max: 100 }).map(String), fc.integer({ min: 0, max: 10000 }).map((c) => new Decimal(c).dividedBy(100).toString()));
const trigger = fc.constantFrom(
  { on: "signature" },
  { on: "start" },
  { on: "state", name: "terminé" },
  { on: "action", name: "Jalon" },
  { on: "event", name: "Abandon" },
  { on: "end_of_month" },
);
const date = fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
const event = fc.oneof(
  fc.record({ date, type: fc.constant("signature") }),
  fc.record({ date, type: fc.constant("start") }),
  fc.record({ date, type: fc.constant("state"), name: fc.constantFrom("terminé", "autre") }),
  fc.record({ date, type: fc.constant("action"), name: fc.constantFrom("Jalon", "Autre"), quantity: fc.constant("1") }),
  fc.record({ date, type: fc.constant("event"), name: fc.constant("Abandon") }),
);
const flatScenario = fc.record({
  vatRate: fc.constantFrom("20", "10", "5.5", "2.1", "0"),
  price: cents(10_000_000),
  schedule: fc.array(
    fc.record({
      bill: fc.oneof(percent.map((p) => ({ percent: p })), cents(2_000_000).map((a) => ({ amount: a }))),
      trigger,
      deductible: fc.boolean(),
      closing: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  events: fc.array(event, { maxLength: 8 }),
  until: fc.option(date, { nil: undefined }),
});

type FlatScenario = typeof flatScenario extends fc.Arbitrary<infer T> ? T : never;

function replayOf(s: FlatScenario) {
  const contract = ContractSchema.parse({ vatRate: s.vatRate, pricing: { type: "flat", amount: s.price }, schedule: s.schedule });
  return { contract, result: replaySchedule({ contract, events: s.events }, { until: s.until }) };
}

describe("replaySchedule (properties)", () => {
  it("never bills more than the flat price on a dossier: it refuses instead", () => {
    fc.assert(
      fc.property(flatScenario, (s) => {
        const { result } = replayOf(s);
        if (!result.ok) return result.error.name === "RuleError" && result.error.code === "over_billing";
        const billed = sum(result.value.invoices.map((i) => i.netAmount));
        return billed.lte(new Decimal(s.price));
      }),
      { numRuns: 400 },
    );
  });

  it("makes every invoice consistent: net = Σ lines, VAT = round(net × rate), due = net + VAT", () => {
    fc.assert(
      fc.property(flatScenario, (s) => {
        const { contract, result } = replayOf(s);
        if (!result.ok) return true;
        for (const invoice of result.value.invoices) {
          expect(invoice.netAmount.eq(sum(invoice.lines.map((l) => l.net)))).toBe(true);
          expect(invoice.vatAmount.eq(roundCents(invoice.netAmount.times(new Decimal(contract.vatRate)).dividedBy(HUNDRED)))).toBe(true);
          expect(invoice.amountDue.eq(invoice.netAmount.plus(invoice.vatAmount))).toBe(true);
          for (const l of invoice.lines) expect(l.net.eq(roundCents(l.net))).toBe(true);
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it("never deducts more than was deposited: each deposit at most once, for exactly its net", () => {
    fc.assert(
      fc.property(flatScenario, (s) => {
        const { result } = replayOf(s);
        if (!result.ok) return true;
        const { invoices } = result.value;
        const deducted = invoices.flatMap((i) => i.lines.flatMap((l) => (l.source.type === "deduction" ? [{ line: l, deposit: l.source.invoiceIndex }] : [])));
        const depositIndexes = deducted.map((d) => d.deposit);
        expect(new Set(depositIndexes).size).toBe(depositIndexes.length);
        for (const { line, deposit } of deducted) {
          expect(invoices[deposit]?.kind).toBe("deposit");
          expect(line.net.negated().eq(invoices[deposit]?.netAmount ?? new Decimal(NaN))).toBe(true);
        }
        const deposited = sum(invoices.filter((i) => i.kind === "deposit").map((i) => i.netAmount));
        return sum(deducted.map((d) => d.line.net)).negated().lte(deposited);
      }),
      { numRuns: 400 },
    );
  });

  it("bills nothing after the closing invoice", () => {
    fc.assert(
      fc.property(flatScenario, (s) => {
        const { result } = replayOf(s);
        if (!result.ok || !result.value.closed) return true;
        const last = result.value.invoices[result.value.invoices.length - 1];
        return last?.closing === true && result.value.invoices.filter((i) => i.closing).length === 1;
      }),
      { numRuns: 400 },
    );
  });
});
