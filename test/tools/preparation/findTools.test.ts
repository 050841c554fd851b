import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../../db/repositories/clients.js";
import { findClientTool } from "../../../tools/preparation/findClient.js";
import { findProjectTool } from "../../../tools/preparation/findProject.js";
import { startHarness, type Harness } from "../harness.js";
import { seedPreparation } from "./preparationFixtures.js";

type Candidates<T> = { candidates: T[]; ambiguous: boolean };

describe("find_client", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const find = async (query: string) => {
    const r = await h!.client.callTool({ name: "find_client", arguments: { query } });
    return r.structuredContent as Candidates<{ clientId: number; name: string; score: number }>;
  };

  it("finds a client despite missing accents, case, typos and partial words", async () => {
    h = await startHarness({ tools: [findClientTool] });
    const s = await seedPreparation(h.opened.db);
    for (const query of ["hopital saint eloi", "HÔPITAL", "Hopitall st-eloi", "acme", "Acme Industri", "Acmé"]) {
      const out = await find(query);
      const expected = /hop|hôp/i.test(query) ? s.other.id : s.client.id;
      expect(out.candidates[0]?.clientId, query).toBe(expected);
      expect(out.ambiguous, query).toBe(false);
    }
    expect((await find("acme industrie")).candidates[0]?.score).toBe(1);
  });

  it("returns several candidates and flags the ambiguity when two names are close", async () => {
    h = await startHarness({ tools: [findClientTool] });
    await seedPreparation(h.opened.db);
    await createClient(h.opened.db, { name: "Acme Services", addressLine1: "1 rue", postalCode: "75001", city: "Paris" });
    const out = await find("acme");
    expect(out.candidates.map((c) => c.name).sort()).toEqual(["Acme Industrie", "Acme Services"]);
    expect(out.ambiguous).toBe(true);
  });

  it("returns no candidate for an unrelated name, and refuses an empty query naming the field", async () => {
    h = await startHarness({ tools: [findClientTool] });
    await seedPreparation(h.opened.db);
    const none = await h.client.callTool({ name: "find_client", arguments: { query: "Zyxwvut" } });
    expect(none.structuredContent).toEqual({ candidates: [], ambiguous: false });
    expect(none.content).toEqual([{ type: "text", text: "Aucun client ne correspond à « Zyxwvut »." }]);
    const bad = await h.client.callTool({ name: "find_client", arguments: { query: "  " } });
    expect(bad.isError).toBe(true);
    expect(bad.content).toEqual([{ type: "text", text: "query : ne doit pas être vide" }]);
  });
});

describe("find_project", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("finds a project by its name, its client, a milestone or a lot, and says what matched", async () => {
    h = await startHarness({ tools: [findProjectTool] });
    const s = await seedPreparation(h.opened.db);
    const cases: [string, number, string][] = [
      ["refonte du site", s.project.id, "projet"],
      ["refonet", s.project.id, "projet"],
      ["maintenance", s.regie.id, "projet"],
      ["electricite", s.lots.id, "lot"],
      ["bilan competence", s.perAction.id, "projet"],
    ];
    for (const [query, projectId, matchedOn] of cases) {
      const r = await h.client.callTool({ name: "find_project", arguments: { query } });
      const out = r.structuredContent as Candidates<{ projectId: number; matchedOn: string; clientName: string; contracts: unknown[] }>;
      expect(out.candidates[0]?.projectId, query).toBe(projectId);
      expect(out.candidates[0]?.matchedOn, query).toBe(matchedOn);
    }
  });

  it("narrows to the bound client: the model neither sees nor overrides clientId", async () => {
    h = await startHarness({ tools: [findProjectTool] });
    const s = await seedPreparation(h.opened.db);
    await h.close();
    h = await startHarness({ tools: [findProjectTool], binding: { clientId: s.client.id }, database: undefined });
    const s2 = await seedPreparation(h.opened.db);
    const listed = await h.client.listTools();
    expect(Object.keys(listed.tools[0]?.inputSchema.properties ?? {})).not.toContain("clientId");
    const r = await h.client.callTool({ name: "find_project", arguments: { query: "maintenance", clientId: s2.other.id } });
    const out = r.structuredContent as Candidates<{ clientId: number }>;
    expect(out.candidates.every((c) => c.clientId === s2.client.id)).toBe(true);
  });
});
