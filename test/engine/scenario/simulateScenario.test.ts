import { describe, expect, it } from "vitest";
import { toScenarioOutput, ScenarioOutputSchema } from "../../../engine/scenario/scenarioOutput.js";
import { simulateScenario } from "../../../engine/scenario/simulateScenario.js";
import { comparable, expectsError, loadScenarioFixtures } from "../../fixtures/scenarios/scenarioFixtures.js";

const fixtures = [...loadScenarioFixtures("dev"), ...loadScenarioFixtures("rules")];

describe("simulateScenario", () => {
  it.each(fixtures.filter((f) => !expectsError(f)).map((f) => [`${f.set}/${f.file}`, f] as const))("replays %s to its expected invoices", (_, fixture) => {
    const simulated = simulateScenario(fixture.json);
    if (!simulated.ok) throw simulated.error;
    expect(comparable(toScenarioOutput(simulated.value.result))).toEqual(comparable(fixture.expect));
  });

  it.each(fixtures.filter(expectsError).map((f) => [`${f.set}/${f.file}`, f] as const))("refuses %s with a French message naming the field", (_, fixture) => {
    const simulated = simulateScenario(fixture.json);
    expect(simulated.ok).toBe(false);
    if (simulated.ok) return;
    expect(simulated.error.message).toMatch(/^(schedule|events|pricing|format)[^ ]* : \S/);
    expect(["InputError", "RuleError"]).toContain(simulated.error.name);
  });

  it("refuses over-billing as a RuleError naming the item that tips the total", () => {
    const fixture = fixtures.find((f) => f.file.startsWith("09-erreur-surfacturation"));
    const simulated = simulateScenario(fixture?.json);
    expect(simulated.ok).toBe(false);
    if (simulated.ok) return;
    expect(simulated.error.name).toBe("RuleError");
    expect(simulated.error.field).toBe("schedule[1]");
    expect(simulated.error.message).toContain("1\u202f950,00\u00a0€");
  });
});

describe("toScenarioOutput", () => {
  it("writes amounts with two decimals, quantities as plain decimals and no internal fields", () => {
    const fixture = fixtures.find((f) => f.file.startsWith("05-heures-realisees-detail"));
    const simulated = simulateScenario(fixture?.json);
    if (!simulated.ok) throw simulated.error;
    const output = toScenarioOutput(simulated.value.result);
    expect(ScenarioOutputSchema.parse(output)).toEqual(output);
    expect(output.invoices[0]?.lines).toEqual([
      { label: "Entretien", quantity: "2", unitPrice: "70.00", net: "140.00" },
      { label: "Atelier", quantity: "3.5", unitPrice: "70.00", net: "245.00" },
      { label: "Entretien", quantity: "1.5", unitPrice: "70.00", net: "105.00" },
    ]);
    expect(Object.keys(output.invoices[0] ?? {}).sort()).toEqual(["amountDue", "date", "dueDate", "kind", "lines", "netAmount", "vatAmount"]);
  });

  it("keeps a unit price's extra decimals rather than rounding it", () => {
    const fixture = fixtures.find((f) => f.file.startsWith("07-arrondi-demi-centime-detail"));
    const simulated = simulateScenario(fixture?.json);
    if (!simulated.ok) throw simulated.error;
    expect(toScenarioOutput(simulated.value.result).invoices[0]?.lines.map((l) => [l.unitPrice, l.net])).toEqual([
      ["10.005", "10.01"],
      ["10.005", "30.02"],
    ]);
  });
});
