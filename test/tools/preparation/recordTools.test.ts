import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { events } from "../../../db/schema/index.js";
import { recordLotProgressTool } from "../../../tools/preparation/recordLotProgress.js";
import { recordProjectEventTool } from "../../../tools/preparation/recordProjectEvent.js";
import { recordTimeEntriesTool } from "../../../tools/preparation/recordTimeEntries.js";
import { startHarness, type Harness } from "../harness.js";
import { seedPreparation } from "./preparationFixtures.js";

const TOOLS = [recordProjectEventTool, recordTimeEntriesTool, recordLotProgressTool];

async function call(h: Harness, name: string, args: Record<string, unknown>) {
  return h.client.callTool({ name, arguments: args });
}

const textOf = (r: unknown) => {
  const first = CallToolResultSchema.parse(r).content[0];
  return first?.type === "text" ? first.text : "";
};

describe("record_project_event", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("records a state spelled loosely under the schedule's spelling, dated today, and reports what became billable", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    const r = await call(h, "record_project_event", { projectId: s.project.id, type: "state", name: "Livre" });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({
      contractId: s.contract.id,
      type: "state",
      name: "livré",
      date: "2026-03-20",
      triggers: [{ itemIndex: 1, description: "Solde : 70 % du prix — à l'état « livré » (solde)" }],
      dueNow: { invoices: 1, net: "7000.00", gross: "8400.00" },
    });
    const stored = await h.opened.db.select().from(events);
    expect(stored.map((e) => [e.type, e.name, e.occurredOn, e.recordedBy])).toEqual([["state", "livré", "2026-03-20", "claire"]]);
  });

  it("records a signature at a given date and finds the deposit it triggers", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    const r = await call(h, "record_project_event", { projectId: s.project.id, type: "signature", date: "2026-03-02" });
    expect(r.structuredContent).toMatchObject({ triggers: [{ itemIndex: 0 }], dueNow: { invoices: 1, net: "3000.00" } });
    expect(textOf(r)).toMatch(/^Enregistré : signature le 02\/03\/2026 sur « Forfait refonte »\. Échéance déclenchée/);
  });

  it("refuses an action unknown to a per-action price list, naming the field, and stores nothing", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    const r = await call(h, "record_project_event", { projectId: s.perAction.id, type: "action", name: "coaching" });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toBe("name : action inconnue de la liste de prix du contrat « Accompagnement » (connues : entretien, synthèse)");
    expect(await h.opened.db.select().from(events)).toHaveLength(0);
  });

  it("refuses a future date, a missing name and an unknown type in French, and keeps serving", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    expect(textOf(await call(h, "record_project_event", { projectId: s.project.id, type: "state", name: "livré", date: "2026-04-01" }))).toBe(
      "date : ne peut pas être dans le futur (aujourd'hui : 20/03/2026)",
    );
    expect(textOf(await call(h, "record_project_event", { projectId: s.project.id, type: "state" }))).toBe("name : est obligatoire pour un type « state »");
    expect(textOf(await call(h, "record_project_event", { projectId: s.project.id, type: "jalon" }))).toBe("type : doit valoir signature, start, action, state ou event");
    expect(await h.opened.db.select().from(events)).toHaveLength(0);
    const ok = await call(h, "record_project_event", { projectId: s.project.id, type: "start" });
    expect(ok.isError).toBeFalsy();
  });
});

describe("record_time_entries", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("records time on a régie contract with its value at the daily rate", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    const r = await call(h, "record_time_entries", {
      projectId: s.regie.id,
      entries: [
        { date: "2026-03-02", action: "développement", quantity: "2", description: "module export" },
        { action: "recette", quantity: "0.5" },
      ],
    });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({
      contractId: s.regieContract.id,
      entries: [
        { date: "2026-03-02", action: "développement", quantity: "2", unit: "jour(s)", unitPrice: "650", amount: "1300.00" },
        { date: "2026-03-20", action: "recette", quantity: "0.5", unitPrice: "650", amount: "325.00" },
      ],
      totalAmount: "1625.00",
      dueNow: { invoices: 0, net: "0.00" },
    });
    const stored = await h.opened.db.select().from(events);
    expect(stored.map((e) => [e.type, e.name, e.quantity, e.description])).toEqual([
      ["action", "développement", "2.0000", "module export"],
      ["action", "recette", "0.5000", null],
    ]);
  });

  it("canonicalises per-action names and refuses an unknown one naming the entry, storing nothing", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    const bad = await call(h, "record_time_entries", { projectId: s.perAction.id, entries: [{ action: "entretien", quantity: "1" }, { action: "coaching", quantity: "1" }] });
    expect(textOf(bad)).toBe("entries[1].action : action inconnue de la liste de prix (connues : entretien, synthèse)");
    expect(await h.opened.db.select().from(events)).toHaveLength(0);
    const good = await call(h, "record_time_entries", { projectId: s.perAction.id, entries: [{ action: "Entretiens", quantity: "1.5" }] });
    expect(good.structuredContent).toMatchObject({ entries: [{ action: "entretien", amount: "180.00", unit: "heure(s)" }] });
  });

  it("refuses a forfait contract, a zero quantity and a decimal written with a comma, in French", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    expect(textOf(await call(h, "record_time_entries", { projectId: s.project.id, entries: [{ action: "dev", quantity: "1" }] }))).toMatch(
      /^contractId : aucun contrat actif du projet Refonte du site ne convient/,
    );
    expect(textOf(await call(h, "record_time_entries", { projectId: s.regie.id, entries: [{ action: "dev", quantity: "0" }] }))).toBe("entries[0].quantity : doit être strictement positif");
    expect(textOf(await call(h, "record_time_entries", { projectId: s.regie.id, entries: [{ action: "dev", quantity: "1,5" }] }))).toMatch(/^entries\[0\]\.quantity : doit être un nombre décimal/);
    expect(await h.opened.db.select().from(events)).toHaveLength(0);
  });
});

describe("record_lot_progress", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("records cumulative progress by percent or amount and reports the change since the last statement", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    const first = await call(h, "record_lot_progress", { projectId: s.lots.id, date: "2026-03-01", lots: [{ lot: "gros oeuvre", percent: "25" }] });
    expect(first.isError).toBeFalsy();
    const r = await call(h, "record_lot_progress", { projectId: s.lots.id, lots: [{ lot: "Gros œuvre", percent: "40" }, { lot: "electricite", amount: "2500.00" }] });
    expect(r.structuredContent).toMatchObject({
      lots: [
        { lot: "Gros œuvre", previousPercent: "25", percent: "40", cumulativeAmount: "16000.00", change: "6000.00" },
        { lot: "Électricité", previousPercent: "0", percent: "25", cumulativeAmount: "2500.00", change: "2500.00" },
      ],
    });
    const stored = await h.opened.db.select().from(events);
    expect(stored.map((e) => [e.lot, e.percent, e.amount])).toEqual([
      ["Gros œuvre", "25.0000", null],
      ["Gros œuvre", "40.0000", null],
      ["Électricité", null, "2500.00"],
    ]);
  });

  it("refuses an unknown lot and a percent outside 0–100, naming the field, and stores nothing", async () => {
    h = await startHarness({ tools: TOOLS });
    const s = await seedPreparation(h.opened.db);
    expect(textOf(await call(h, "record_lot_progress", { projectId: s.lots.id, lots: [{ lot: "Plomberie", percent: "10" }] }))).toBe(
      "lots[0].lot : lot inconnu « Plomberie » (lots du contrat : Gros œuvre, Électricité)",
    );
    expect(textOf(await call(h, "record_lot_progress", { projectId: s.lots.id, lots: [{ lot: "Électricité", percent: "120" }] }))).toBe(
      "lots[0].percent : doit être compris entre 0 et 100",
    );
    expect(textOf(await call(h, "record_lot_progress", { projectId: s.lots.id, lots: [{ lot: "Électricité", amount: "10000.01" }] }))).toBe(
      "lots[0].amount : dépasse le montant du lot « Électricité » (10\u202f000,00\u00a0€)",
    );
    expect(await h.opened.db.select().from(events)).toHaveLength(0);
  });
});
