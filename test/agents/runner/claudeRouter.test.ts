import Anthropic from "@anthropic-ai/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAgentDefinition } from "../../../agents/definitions/agentDefinition.js";
import { loadInstructions } from "../../../agents/definitions/instructions.js";
import { ClaudeRouter } from "../../../agents/runner/claudeRouter.js";
import { ModelBehaviourError } from "../../../engine/errors.js";
import { FakeAnthropicServer, reply, text, toolUse } from "../fakeAnthropicServer.js";

let fake: FakeAnthropicServer;
let router: ClaudeRouter;

beforeEach(async () => {
  fake = await FakeAnthropicServer.start();
  router = new ClaudeRouter({ client: new Anthropic({ apiKey: "sk-ant-test", baseURL: fake.baseURL, maxRetries: 0 }), model: "claude-test-model" });
});
afterEach(async () => {
  await fake.close();
});

describe("ClaudeRouter.route", () => {
  it("forces the decision through the route tool, with the orchestrator's cached instructions", async () => {
    fake.enqueue(reply(toolUse("route", { agents: ["suivi-paiements", "email-relance"] })));

    const decision = await router.route("Le client n'a pas payé");

    fake.assertDone();
    expect(decision).toEqual({ agents: ["suivi-paiements", "email-relance"] });
    const sent = fake.bodies[0] as Record<string, unknown>;
    expect(sent.tool_choice).toEqual({ type: "tool", name: "route", disable_parallel_tool_use: true });
    expect(sent.system).toEqual([
      { type: "text", text: await loadInstructions(getAgentDefinition("facturation-orchestrator")), cache_control: { type: "ephemeral" } },
    ]);
    const tools = sent.tools as { name: string; input_schema: Record<string, unknown>; cache_control: unknown }[];
    expect(tools).toHaveLength(1);
    expect(tools[0]?.name).toBe("route");
    expect(tools[0]?.cache_control).toEqual({ type: "ephemeral" });
    expect(tools[0]?.input_schema).toMatchObject({
      type: "object",
      required: ["agents"],
      properties: { agents: { type: "array", maxItems: 3, items: { type: "string", enum: ["preparation-facture", "suivi-paiements", "email-relance"] } } },
    });
    expect(tools[0]?.input_schema).not.toHaveProperty("$schema");
    expect(sent.messages).toEqual([{ role: "user", content: "Demande : Le client n'a pas payé" }]);
  });

  it("returns an empty list for a request outside billing", async () => {
    fake.enqueue(reply(toolUse("route", { agents: [] })));
    expect(await router.route("Valide le choix de passer l'hébergement sur Kubernetes")).toEqual({ agents: [] });
  });

  it("gives the previous request and agents as context", async () => {
    fake.enqueue(reply(toolUse("route", { agents: ["preparation-facture"] })));
    await router.route("Et pour Atlas ?", { previousRequest: "Prépare la facture du projet Orion", previousAgents: ["preparation-facture"] });
    expect((fake.bodies[0] as { messages: unknown }).messages).toEqual([
      {
        role: "user",
        content: "Demande précédente : « Prépare la facture du projet Orion »\nAgents de la demande précédente : preparation-facture\n\nDemande : Et pour Atlas ?",
      },
    ]);
  });

  it("drops a repeated agent and keeps the order", async () => {
    fake.enqueue(reply(toolUse("route", { agents: ["suivi-paiements", "email-relance", "suivi-paiements"] })));
    expect(await router.route("Relance Acme, elle n'a pas payé")).toEqual({ agents: ["suivi-paiements", "email-relance"] });
  });

  it("rejects an agent name outside the enum, or no route call, as model misbehaviour", async () => {
    fake.enqueue(reply(toolUse("route", { agents: ["comptabilite"] })), reply(text("Je pense qu'il faut le suivi des paiements.")));
    await expect(router.route("Le client n'a pas payé")).rejects.toThrow(ModelBehaviourError);
    await expect(router.route("Le client n'a pas payé")).rejects.toThrow("route.agents : la décision de routage renvoyée par le modèle est invalide");
    fake.assertDone();
  });

  it("adds up the tokens of every routing call", async () => {
    fake.enqueue(
      { kind: "message", content: [toolUse("route", { agents: [] })], usage: { input_tokens: 30, output_tokens: 8, cache_creation_input_tokens: 900, cache_read_input_tokens: 0 } },
      { kind: "message", content: [toolUse("route", { agents: [] })], usage: { input_tokens: 31, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 900 } },
    );
    await router.route("Bonjour");
    await router.route("Merci");
    expect(router.usage).toEqual({ inputTokens: 61, outputTokens: 17, cacheCreationInputTokens: 900, cacheReadInputTokens: 900, requests: 2 });
  });
});
