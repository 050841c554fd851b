import { describe, expect, it } from "vitest";
import { latePenalty } from "../../../engine/dunning/latePenalty.js";
import { Decimal } from "../../../engine/money/money.js";
import { reminderPenalties } from "../../../tools/mail/reminderPenalties.js";
import { renderReminder } from "../../../tools/mail/renderReminder.js";
import { reminderInput } from "./reminderFixtures.js";

describe("reminderPenalties", () => {
  it("turns the engine's late penalty into the wire strings of a mise en demeure", () => {
    const rate = new Decimal("12.15");
    const computed = latePenalty({ amountDue: new Decimal("16200.00"), dueDate: "2026-04-19", payments: [], annualRatePercent: rate }, "2026-05-19");
    expect(reminderPenalties(computed, rate)).toEqual({
      annualRatePercent: "12.15",
      days: 30,
      interest: "161.78",
      fixedIndemnity: "40.00",
      totalClaimed: "16401.78",
    });
  });

  it("claims only what remains after a partial payment, and renders consistently", () => {
    const rate = new Decimal("10");
    const computed = latePenalty(
      { amountDue: new Decimal("1000.00"), dueDate: "2026-04-19", payments: [{ date: "2026-04-01", amount: new Decimal("400.00") }], annualRatePercent: rate },
      "2026-05-19",
    );
    const penalties = reminderPenalties(computed, rate);
    expect(penalties).toEqual({ annualRatePercent: "10", days: 30, interest: "4.93", fixedIndemnity: "40.00", totalClaimed: "644.93" });
    const input = reminderInput("r3");
    const r = renderReminder({ ...input, invoice: { ...input.invoice, amountDue: "1000.00", outstanding: "600.00" }, penalties });
    expect(r.text).toContain("Total exigible : 644,93\u00a0€");
    expect(r.text).toContain("au taux annuel contractuel de 10\u00a0%, calculées sur 30 jours : 4,93\u00a0€");
  });
});
