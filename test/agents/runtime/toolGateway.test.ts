import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { allowedTools } from "../../../agents/definitions/allowlist.js";
import { connectToolGateway, type ToolGateway, type ToolGatewayEvent } from "../../../agents/runtime/toolGateway.js";
import { fakeToolServer, pendingPayment } from "../fakeToolServer.js";

let gateway: ToolGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
  vi.restoreAllMocks();
});

describe("connectToolGateway", () => {
  it("hands the agent's allowlist to the server factory as its profile", async () => {
    const tools = fakeToolServer();
    gateway = await connectToolGateway({ agent: "email-relance", createServer: tools.factory });
    expect(tools.profiles).toEqual([{ agent: "email-relance", allowedTools: allowedTools("email-relance") }]);
  });

  it("lists only the agent's allowed tools, as Anthropic tool definitions", async () => {
    const tools = fakeToolServer({ honourProfile: false });
    gateway = await connectToolGateway({ agent: "email-relance", createServer: tools.factory });
    const listed = await gateway.listTools();
    expect(listed.map((tool) => tool.name)).toEqual(["find_client", "list_invoices", "get_invoice"]);
    const findClient = listed[0];
    expect(findClient?.description).toBe("Cherche un client par nom approché.");
    expect(findClient?.input_schema).toMatchObject({
      type: "object",
      properties: { query: { type: "string", description: "nom du client" } },
      required: ["query"],
    });
    expect(findClient?.input_schema).not.toHaveProperty("$schema");
  });

  it("refuses a call to an unlisted tool in French, without executing it, and audits the refusal", async () => {
    const tools = fakeToolServer({ honourProfile: false });
    const events: ToolGatewayEvent[] = [];
    gateway = await connectToolGateway({ agent: "email-relance", createServer: tools.factory, audit: (event) => events.push(event) });
    const outcome = await gateway.callTool("issue_invoice", { draftId: "brouillon_1" });
    expect(outcome).toMatchObject({ isError: true, refused: true, pendingAction: undefined });
    expect(outcome.text).toBe("L'outil « issue_invoice » n'est pas autorisé pour l'agent email-relance : appel refusé, rien n'a été exécuté.");
    expect(tools.executed).toEqual([]);
    expect(events).toEqual([{ kind: "refusal", agent: "email-relance", tool: "issue_invoice", reason: "outil hors de la liste autorisée" }]);
  });

  it("writes a refusal to stderr when no audit hook is given", async () => {
    const tools = fakeToolServer({ honourProfile: false });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    gateway = await connectToolGateway({ agent: "suivi-paiements", createServer: tools.factory });
    await gateway.callTool("issue_invoice", { draftId: "x" });
    expect(stderr).toHaveBeenCalledWith("[outils] refusé : l'agent suivi-paiements a demandé « issue_invoice » (outil hors de la liste autorisée)\n");
    expect(tools.executed).toEqual([]);
  });

  it("refuses a name that is no tool at all, and arguments that are not an object", async () => {
    const tools = fakeToolServer({ honourProfile: false });
    gateway = await connectToolGateway({ agent: "suivi-paiements", createServer: tools.factory, audit: () => undefined });
    expect(await gateway.callTool("confirm_pending_action", { id: "pa_0001" })).toMatchObject({ isError: true, refused: true });
    const badArgs = await gateway.callTool("find_client", ["Acme"]);
    expect(badArgs).toMatchObject({ isError: true, refused: true });
    expect(badArgs.text).toMatch(/doivent être un objet/);
    expect(tools.executed).toEqual([]);
  });

  it("returns both faces of a result: the French text and the structured content", async () => {
    const tools = fakeToolServer();
    const events: ToolGatewayEvent[] = [];
    gateway = await connectToolGateway({ agent: "suivi-paiements", createServer: tools.factory, audit: (event) => events.push(event) });
    const outcome = await gateway.callTool("list_invoices", { clientId: "cli_acme" });
    expect(outcome.isError).toBe(false);
    expect(outcome.structuredContent).toEqual({ invoices: [{ number: "F-2025-0042", totalInclTax: "19440.00", dueDate: "2025-10-31" }] });
    expect(outcome.text).toContain("19 440,00 € TTC");
    expect(outcome.text).toContain('"totalInclTax":"19440.00"');
    expect(tools.executed).toEqual([{ name: "list_invoices", args: { clientId: "cli_acme" } }]);
    expect(events).toEqual([{ kind: "call", agent: "suivi-paiements", tool: "list_invoices", isError: false }]);
  });

  it("reports the pending action a monetary tool proposed", async () => {
    const tools = fakeToolServer();
    gateway = await connectToolGateway({ agent: "suivi-paiements", createServer: tools.factory });
    const outcome = await gateway.callTool("record_payment", { invoiceNumber: "F-2025-0042", amount: "1200.50" });
    expect(outcome.pendingAction).toEqual(pendingPayment("F-2025-0042", "1200.50"));
  });

  it("passes a tool error through as an error outcome", async () => {
    const tools = fakeToolServer();
    gateway = await connectToolGateway({ agent: "suivi-paiements", createServer: tools.factory });
    const outcome = await gateway.callTool("get_invoice", { number: "F-9999" });
    expect(outcome).toMatchObject({ isError: true, refused: false, text: "number : facture F-9999 introuvable" });
  });

  it("turns schema-invalid arguments into an error outcome the model can read", async () => {
    const tools = fakeToolServer();
    gateway = await connectToolGateway({ agent: "suivi-paiements", createServer: tools.factory });
    const outcome = await gateway.callTool("find_client", { query: 42 });
    expect(outcome.isError).toBe(true);
    expect(outcome.refused).toBe(false);
    expect(tools.executed).toEqual([]);
  });

  it("lets the runtime answer the server's confirmation form through the client it installs", async () => {
    const asked: string[] = [];
    const createServer = () => {
      const server = new McpServer({ name: "outils-de-test", version: "0.0.1" });
      server.registerTool("send_reminder", { description: "Envoie une relance.", inputSchema: { reminderId: z.string() } }, async ({ reminderId }) => {
        const answer = await server.server.elicitInput({
          message: `Envoyer la relance ${reminderId} ?`,
          requestedSchema: { type: "object", properties: { confirmer: { type: "boolean" } }, required: ["confirmer"] },
        });
        return { content: [{ type: "text", text: answer.action === "accept" ? "Relance envoyée." : "Rien n'a été envoyé." }] };
      });
      return server;
    };
    gateway = await connectToolGateway({
      agent: "email-relance",
      createServer,
      capabilities: { elicitation: {} },
      setupClient: (client) =>
        client.setRequestHandler(ElicitRequestSchema, async (request) => {
          asked.push(request.params.message);
          return { action: "decline" };
        }),
    });
    const outcome = await gateway.callTool("send_reminder", { reminderId: "rel_7" });
    expect(asked).toEqual(["Envoyer la relance rel_7 ?"]);
    expect(outcome.text).toBe("Rien n'a été envoyé.");
  });
});
