import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../engine/errors.js";
import { parseScenario } from "../../../engine/scenario/parseScenario.js";

/** A fresh valid scenario for each test; `patch` edits a deep copy. */
function scenario(patch: (s: any) => void = () => {}): unknown {
  const s = {
    format: "facturation-scenario/1",
    name: "Forfait",
    pricing: { type: "flat", amount: "1500.00" },
    schedule: [
      { label: "Acompte", bill: { percent: "25" }, trigger: { on: "start" }, deductible: true },
      { label: "Solde", bill: { percent: "100" }, trigger: { on: "state", name: "terminé" }, closing: true },
    ],
    events: [
      { date: "2026-01-05", type: "start" },
      { date: "2026-03-20", type: "state", name: "terminé" },
    ],
    expect: { anything: true },
  };
  const copy = structuredClone(s);
  patch(copy);
  return copy;
}

function refusal(json: unknown): string {
  const parsed = parseScenario(json);
  if (parsed.ok) throw new Error("expected a refusal");
  expect(parsed.error).toBeInstanceOf(InputError);
  return parsed.error.message;
}

describe("parseScenario", () => {
  it("accepts a valid scenario and fills the defaults: VAT 20, 30 days net, quantity 1, not deductible, not closing", () => {
    const parsed = parseScenario(
      scenario((s) => {
        s.pricing = { type: "rate", rate: "70.00", unit: "hour" };
        s.schedule = [{ bill: { realized: "summary" }, trigger: { on: "end_of_month" } }];
        s.events = [{ date: "2026-01-05", type: "action", name: "Entretien" }];
      }),
    );
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.vatRate).toBe("20");
    expect(parsed.value.paymentTerms).toEqual({ days: 30, endOfMonth: false });
    expect(parsed.value.events[0]).toEqual({ date: "2026-01-05", type: "action", name: "Entretien", quantity: "1" });
    expect(parsed.value.schedule[0]).toMatchObject({ deductible: false, closing: false });
  });

  it("ignores extra members such as name and expect", () => {
    expect(parseScenario(scenario()).ok).toBe(true);
  });

  it("refuses a missing or unknown format first, naming the field", () => {
    expect(refusal(scenario((s) => delete s.format))).toBe("format : doit valoir « facturation-scenario/1 »");
    expect(refusal(scenario((s) => (s.format = "facturation-scenario/2")))).toBe("format : doit valoir « facturation-scenario/1 »");
  });

  it("refuses anything but a JSON object", () => {
    for (const json of [null, [], "scénario", 3]) expect(refusal(json)).toBe("scénario : le scénario doit être un objet JSON");
  });

  it("refuses a percent outside 0–100 with the path of the field", () => {
    expect(refusal(scenario((s) => (s.schedule[1].bill.percent = "120")))).toBe("schedule[1].bill.percent : doit être compris entre 0 et 100");
    expect(refusal(scenario((s) => (s.schedule[0].bill.percent = "-1")))).toBe("schedule[0].bill.percent : doit être compris entre 0 et 100");
  });

  it("accepts the percent bounds 0 and 100", () => {
    expect(parseScenario(scenario((s) => (s.schedule[0].bill.percent = "0"))).ok).toBe(true);
    expect(parseScenario(scenario((s) => (s.schedule[0].bill.percent = "100.0"))).ok).toBe(true);
  });

  it("refuses negative amounts, prices and quantities", () => {
    expect(refusal(scenario((s) => (s.pricing.amount = "-1500.00")))).toBe("pricing.amount : ne peut pas être négatif");
    expect(refusal(scenario((s) => (s.schedule[0].bill = { amount: "-5" })))).toBe("schedule[0].bill.amount : ne peut pas être négatif");
    expect(
      refusal(
        scenario((s) => {
          s.pricing = { type: "rate", rate: "70", unit: "hour" };
          s.schedule = [];
          s.events = [{ date: "2026-01-05", type: "action", name: "A", quantity: "-2" }];
        }),
      ),
    ).toBe("events[0].quantity : ne peut pas être négatif");
  });

  it("refuses amounts written as JSON numbers", () => {
    expect(refusal(scenario((s) => (s.pricing.amount = 1500)))).toMatch(/^pricing\.amount : doit être un nombre décimal écrit en texte/);
  });

  it("refuses impossible or malformed dates", () => {
    expect(refusal(scenario((s) => (s.events[1].date = "2026-02-30")))).toBe("events[1].date : doit être une date valide au format AAAA-MM-JJ");
    expect(refusal(scenario((s) => (s.until = "31/05/2026")))).toBe("until : doit être une date valide au format AAAA-MM-JJ");
  });

  it("refuses an unknown trigger, event type or pricing type, listing the accepted values", () => {
    expect(refusal(scenario((s) => (s.schedule[0].trigger = { on: "midi" })))).toMatch(/^schedule\[0\]\.trigger\.on : doit valoir « signature »/);
    expect(refusal(scenario((s) => (s.events[0].type = "début")))).toMatch(/^events\[0\]\.type : doit valoir « signature »/);
    expect(refusal(scenario((s) => (s.pricing = { type: "gratuit" })))).toMatch(/^pricing\.type : doit valoir « flat »/);
  });

  it("refuses a trigger on an action, state or event without its name", () => {
    expect(refusal(scenario((s) => (s.schedule[1].trigger = { on: "state" })))).toBe("schedule[1].trigger.name : est obligatoire");
  });

  it("refuses a bill with no or several ways of computing", () => {
    expect(refusal(scenario((s) => (s.schedule[0].bill = {})))).toBe("schedule[0].bill : doit indiquer percent, amount, realized ou progress");
    expect(refusal(scenario((s) => (s.schedule[0].bill = { percent: "10", amount: "5" })))).toMatch(/^schedule\[0\]\.bill : ne doit indiquer qu'un seul/);
  });

  it("refuses an action a per_action price list does not know", () => {
    const json = scenario((s) => {
      s.pricing = { type: "per_action", actions: [{ name: "Entretien individuel", price: "75.00", unit: "hour" }] };
      s.schedule = [{ bill: { realized: "detailed" }, trigger: { on: "end_of_month" } }];
      s.events = [{ date: "2026-01-05", type: "action", name: "Séance collective", quantity: "2" }];
    });
    expect(refusal(json)).toBe("events[0].name : action inconnue de la liste de prix (« Séance collective »)");
  });

  it("refuses a billable per_action price without a price, and duplicate names", () => {
    const noPrice = scenario((s) => {
      s.pricing = { type: "per_action", actions: [{ name: "Entretien", unit: "hour" }] };
      s.schedule = [];
    });
    expect(refusal(noPrice)).toMatch(/^pricing\.actions\[0\]\.price : est obligatoire/);
    const twice = scenario((s) => {
      s.pricing = { type: "lots", lots: [{ name: "A", amount: "1" }, { name: "A", amount: "2" }] };
    });
    expect(refusal(twice)).toBe("pricing.lots[1].name : lot en double « A »");
  });

  it("refuses a progress event on an unknown lot, or on a pricing without lots", () => {
    const unknownLot = scenario((s) => {
      s.pricing = { type: "lots", lots: [{ name: "Gros œuvre", amount: "1000.00" }] };
      s.schedule = [{ bill: { progress: "detailed" }, trigger: { on: "end_of_month" } }];
      s.events = [{ date: "2026-01-05", type: "progress", lot: "Toiture", percent: "10" }];
    });
    expect(refusal(unknownLot)).toBe("events[0].lot : lot inconnu (« Toiture »)");
    expect(refusal(scenario((s) => s.events.push({ date: "2026-01-06", type: "progress", lot: "A", percent: "5" })))).toMatch(/^events\[2\]\.lot : /);
  });

  it("refuses a progress event with both or neither of percent and amount", () => {
    const both = scenario((s) => {
      s.pricing = { type: "lots", lots: [{ name: "A", amount: "1000.00" }] };
      s.events = [{ date: "2026-01-05", type: "progress", lot: "A", percent: "10", amount: "100" }];
    });
    expect(refusal(both)).toMatch(/^events\[0\]\.percent : indiquer soit percent/);
  });

  it("refuses an attendance condition without plannedQuantity", () => {
    const json = scenario((s) => {
      s.pricing = { type: "rate", rate: "10", unit: "hour" };
      s.schedule = [{ bill: { realized: "summary" }, trigger: { on: "end_of_month" }, conditions: { attendancePercent: { min: "25" } } }];
    });
    expect(refusal(json)).toMatch(/^schedule\[0\]\.conditions\.attendancePercent : .*plannedQuantity/);
  });

  it("accepts condition bounds as numbers or strings", () => {
    const json = scenario((s) => {
      s.pricing = { type: "rate", rate: "10", unit: "hour", plannedQuantity: "20" };
      s.schedule = [{ bill: { realized: "summary" }, trigger: { on: "end_of_month" }, conditions: { monthsSinceStart: { min: "0", max: 4 }, attendancePercent: { min: 25, max: "80" } } }];
    });
    const parsed = parseScenario(json);
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.schedule[0]?.conditions).toEqual({ monthsSinceStart: { min: 0, max: 4 }, attendancePercent: { min: "25", max: "80" } });
  });

  it("refuses a schedule that does not fit the pricing", () => {
    const percentOnRate = scenario((s) => (s.pricing = { type: "rate", rate: "10", unit: "hour" }));
    expect(refusal(percentOnRate)).toMatch(/^schedule\[0\]\.bill\.percent : /);
    const realizedOnFlat = scenario((s) => (s.schedule[0].bill = { realized: "summary" }));
    expect(refusal(realizedOnFlat)).toMatch(/^schedule\[0\]\.bill\.realized : /);
    const progressOnFlat = scenario((s) => (s.schedule[0].bill = { progress: "global" }));
    expect(refusal(progressOnFlat)).toMatch(/^schedule\[0\]\.bill\.progress : /);
  });

  it("refuses payment terms beyond the legal 60 days", () => {
    expect(refusal(scenario((s) => (s.paymentTerms = { days: 90 })))).toMatch(/^paymentTerms\.days : ne peut pas dépasser 60 jours/);
  });

  it("never throws on random JSON, only returns the typed refusal (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const parsed = parseScenario(json);
        return parsed.ok || parsed.error instanceof InputError;
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on random mutations of a valid scenario (property)", () => {
    const paths = ["format", "vatRate", "pricing", "pricing.amount", "schedule", "schedule.0", "schedule.0.bill", "schedule.0.bill.percent", "schedule.1.trigger", "schedule.1.conditions", "events", "events.0", "events.0.date", "events.1.type", "until"];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const json = scenario() as Record<string, any>;
        const keys = path.split(".");
        let target: any = json;
        for (const key of keys.slice(0, -1)) target = target[key];
        target[keys[keys.length - 1] as string] = value;
        const parsed = parseScenario(json);
        if (parsed.ok) return true;
        return parsed.error instanceof InputError && parsed.error.message.length > 0 && !parsed.error.message.includes("Invalid");
      }),
      { numRuns: 500 },
    );
  });
});
