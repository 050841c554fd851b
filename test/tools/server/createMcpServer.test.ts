import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness.js";
import { testTools } from "../testTools.js";

describe("createMcpServer", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("lists only the allowed tools, each with a French title, annotations, an output schema and its monetary flag", async () => {
    const { tools } = testTools();
    h = await startHarness({ tools, allow: ["echo_client"] });
    const listed = await h.client.listTools();
    expect(listed.tools.map((t) => t.name)).toEqual(["echo_client"]);
    const [echo] = listed.tools;
    expect(echo?.title).toBe("Afficher un client");
    expect(echo?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(echo?.outputSchema?.type).toBe("object");
    expect(echo?._meta).toEqual({ "facturation/monetary": false });
  });

  it("refuses a tool that exists but is not allowed, with a French protocol error", async () => {
    const { tools } = testTools();
    h = await startHarness({ tools, allow: ["echo_client"] });
    await expect(h.client.callTool({ name: "issue_test_invoice", arguments: { clientId: 1, label: "x", net: "1.00" } })).rejects.toThrow(
      /outil inconnu ou non autorisé : issue_test_invoice/,
    );
  });

  it("answers with structured content matching the output schema and a French text, with the session and the injected date", async () => {
    const { tools } = testTools();
    h = await startHarness({ tools });
    const result = await h.client.callTool({ name: "echo_client", arguments: { clientId: 7 } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ clientId: 7, today: "2026-03-20", user: "claire" });
    expect(result.content).toEqual([{ type: "text", text: "Client 7." }]);
  });

  it("turns invalid arguments into a French error naming the field, and keeps serving", async () => {
    const { tools } = testTools();
    h = await startHarness({ tools });
    const bad = await h.client.callTool({ name: "echo_client", arguments: { clientId: "sept" } });
    expect(bad.isError).toBe(true);
    expect(bad.content).toEqual([{ type: "text", text: "clientId : Entrée invalide : nombre attendu, chaîne de caractères reçu" }]);
    const badAmount = await h.client.callTool({ name: "issue_test_invoice", arguments: { clientId: 1, label: "", net: "12,50" } });
    expect(badAmount.isError).toBe(true);
    const text = CallToolResultSchema.parse(badAmount).content[0];
    expect(text).toMatchObject({ type: "text" });
    expect(text?.type === "text" ? text.text : "").toMatch(/^label : ne doit pas être vide ; net : doit être un nombre décimal/);
    const good = await h.client.callTool({ name: "echo_client", arguments: { clientId: 8 } });
    expect(good.structuredContent).toMatchObject({ clientId: 8 });
  });

  it("re-throws an unexpected error as a JSON-RPC error (never a silent isError), reports it, and keeps serving", async () => {
    const { tools } = testTools();
    h = await startHarness({ tools });
    await expect(h.client.callTool({ name: "echo_client", arguments: { clientId: 1, crash: true } })).rejects.toThrow(/panne inattendue/);
    expect(h.unexpected).toHaveLength(1);
    const good = await h.client.callTool({ name: "echo_client", arguments: { clientId: 2 } });
    expect(good.structuredContent).toMatchObject({ clientId: 2 });
  });

  it("narrows the schema to the conversation binding and injects the bound client, whatever the model sends", async () => {
    const { tools } = testTools();
    h = await startHarness({ tools, binding: { clientId: 42 } });
    const listed = await h.client.listTools();
    const echo = listed.tools.find((t) => t.name === "echo_client");
    expect(Object.keys(echo?.inputSchema.properties ?? {})).toEqual(["crash"]);
    const result = await h.client.callTool({ name: "echo_client", arguments: { clientId: 99 } });
    expect(result.structuredContent).toMatchObject({ clientId: 42 });
  });

  it("serves the agents' instructions as prompts", async () => {
    const { tools } = testTools();
    h = await startHarness({ tools, prompts: [{ name: "suivi-paiements", title: "Instructions de l'agent suivi-paiements", text: "Tu suis les paiements." }] });
    const prompts = await h.client.listPrompts();
    expect(prompts.prompts.map((p) => p.name)).toEqual(["suivi-paiements"]);
    const prompt = await h.client.getPrompt({ name: "suivi-paiements" });
    expect(prompt.messages[0]?.content).toEqual({ type: "text", text: "Tu suis les paiements." });
  });

  it("serves text and binary (base64 blob) resources from templates and answers a missing subject with a French not-found error", async () => {
    const { tools } = testTools();
    h = await startHarness({
      tools,
      resources: [
        {
          name: "facture",
          title: "Facture",
          description: "Le document d'une facture.",
          uriTemplate: "facturation://factures/{numero}",
          mimeType: "text/html",
          async read(variables) {
            if (variables.numero !== "F-1") {
              const { NotFoundError } = await import("../../../engine/errors.js");
              throw new NotFoundError(`aucune facture ${variables.numero}`);
            }
            return "<p>F-1</p>";
          },
        },
        {
          name: "image",
          title: "Octets",
          description: "Un contenu binaire.",
          uriTemplate: "facturation://octets/{id}",
          mimeType: "application/octet-stream",
          read: async () => new Uint8Array([0, 255, 37, 80]),
        },
      ],
    });
    const read = await h.client.readResource({ uri: "facturation://factures/F-1" });
    expect(read.contents).toEqual([{ uri: "facturation://factures/F-1", mimeType: "text/html", text: "<p>F-1</p>" }]);
    await expect(h.client.readResource({ uri: "facturation://factures/F-2" })).rejects.toThrow(/aucune facture F-2/);
    const bytes = await h.client.readResource({ uri: "facturation://octets/1" });
    expect(bytes.contents).toEqual([{ uri: "facturation://octets/1", mimeType: "application/octet-stream", blob: Buffer.from([0, 255, 37, 80]).toString("base64") }]);
  });
});
