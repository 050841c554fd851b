/**
 * MCP Apps views and the link to the confirmation page, through the SDK client: the tools name their
 * view, the views are `ui://` resources of the MCP Apps type, a client that renders views gets the
 * aging chart with the summary, and a client with URL-mode elicitation is asked to open the page.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ElicitRequestSchema, type ElicitRequest } from "@modelcontextprotocol/sdk/types.js";
import { RESOURCE_MIME_TYPE } from "@modelcontextprotocol/ext-apps/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../../db/demo/ensureDemoData.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import type { OpenedDatabase } from "../../../db/connection.js";
import { ACTIONS, TOOLS } from "../../../tools/index.js";
import { confirmationPolicyFromSettings } from "../../../tools/confirmation/confirmationPolicy.js";
import type { ConfirmationDeps } from "../../../tools/confirmation/confirmationDeps.js";
import { dbConfirmationStore } from "../../../tools/confirmation/dbConfirmationStore.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { RESOURCES } from "../../../tools/resources/index.js";
import { createMcpServer } from "../../../tools/server/createMcpServer.js";
import { pgliteBackend } from "../../db/backends.js";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";
import { line } from "../../db/fixtures.js";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { launchChromium, type Browser } from "../web/chromium.js";

/**
 * A minimal MCP Apps host page: the view in an iframe, answering its `ui/initialize`, then sending it
 * the tool's result (`ui/notifications/tool-result`) and recording the links it asks to open.
 */
function hostPage(result: unknown): string {
  const data = JSON.stringify(result).replace(/</g, "\\u003c");
  return `<!doctype html><html lang="fr"><body><script>
    const result = JSON.parse(${JSON.stringify(data)});
    window.openedLinks = [];
    window.addEventListener("message", (event) => {
      const frame = document.getElementById("view");
      if (event.source !== frame.contentWindow) return;
      const msg = event.data;
      const reply = (value) => frame.contentWindow.postMessage({ jsonrpc: "2.0", id: msg.id, result: value }, "*");
      if (msg.method === "ui/initialize") reply({ protocolVersion: msg.params.protocolVersion, hostInfo: { name: "hôte de test", version: "1.0.0" }, hostCapabilities: { openLinks: {} }, hostContext: { locale: "fr-FR" } });
      else if (msg.method === "ui/notifications/initialized") frame.contentWindow.postMessage({ jsonrpc: "2.0", method: "ui/notifications/tool-result", params: result }, "*");
      else if (msg.method === "ui/open-link") { window.openedLinks.push(msg.params.url); reply({}); }
      else if (msg.id !== undefined && msg.method) reply({});
    });
  </script><iframe id="view" src="/view.html" title="vue" style="width:760px;height:640px;border:1px solid #999"></iframe></body></html>`;
}

const UI = { "io.modelcontextprotocol/ui": { mimeTypes: [RESOURCE_MIME_TYPE] } };

describe("MCP Apps views and the confirmation page's link", { timeout: 180_000 }, () => {
  let opened: OpenedDatabase;
  let deps: ConfirmationDeps;
  let draftIds: number[];
  const clients: Client[] = [];
  beforeAll(async () => {
    opened = await pgliteBackend.fresh();
    await loadDemoData(opened.db, DEMO_TODAY);
    draftIds = [];
    for (let i = 0; i < 2; i++) draftIds.push((await createDraftInvoice(opened.db, { kind: "invoice", clientId: 1, issueDate: DEMO_TODAY, lines: [line("1000.00")], createdBy: "claire" })).invoice.id);
    deps = {
      store: dbConfirmationStore(opened.db),
      actions: ACTIONS,
      policy: confirmationPolicyFromSettings(opened.db, {}),
      now: () => new Date(`${DEMO_TODAY}T09:00:00Z`),
      today: () => DEMO_TODAY,
      confirmationUrl: (id) => `http://127.0.0.1:8765/actions/${id}`,
    };
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await opened.close();
  });

  async function connect(capabilities: Record<string, unknown>, onElicit?: (r: ElicitRequest) => void) {
    const server = createMcpServer({ tools: TOOLS, allow: TOOLS.map((t) => t.name), resources: RESOURCES, db: opened.db, session: { userId: "claire", role: "project_manager", channel: "mcp_memory" }, confirmation: deps });
    const client = new Client({ name: "hôte-mcp-apps", version: "1.0.0" }, { capabilities });
    if (onElicit) {
      client.setRequestHandler(ElicitRequestSchema, async (request) => {
        onElicit(request);
        return { action: "accept" };
      });
    }
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(b);
    await client.connect(a);
    clients.push(client);
    return client;
  }

  it("names the view of the invoice preview, the pending-action card and the aging chart on their tools", async () => {
    const client = await connect({ extensions: UI });
    const { tools } = await client.listTools();
    const view = (name: string) => (tools.find((t) => t.name === name)?._meta as { ui?: { resourceUri?: string } } | undefined)?.ui?.resourceUri;
    expect(view("get_invoice")).toBe("ui://facturation/apercu-facture.html");
    for (const monetary of ["issue_invoice", "issue_credit_note", "record_payment", "send_reminder"]) expect(view(monetary)).toBe("ui://facturation/action-en-attente.html");
    expect(view("get_receivables_summary")).toBe("ui://facturation/balance-agee.html");
    expect(view("list_invoices")).toBeUndefined();
  });

  it("serves each view as a self-contained MCP Apps resource (nothing loaded from the network)", async () => {
    const client = await connect({ extensions: UI });
    const listed = (await client.listResources()).resources.map((r) => r.uri);
    for (const uri of ["ui://facturation/apercu-facture.html", "ui://facturation/action-en-attente.html", "ui://facturation/balance-agee.html"]) {
      expect(listed).toContain(uri);
      const [content] = (await client.readResource({ uri })).contents;
      expect(content?.mimeType).toBe(RESOURCE_MIME_TYPE);
      const html = String((content as { text?: string }).text);
      expect(html).toContain("globalThis.McpApps={");
      // Everything inline: no script, style sheet or module fetched from anywhere.
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|import\(["']https?:/i);
    }
  });

  it("sends the aging chart with the summary to a client that renders views, and not to others", async () => {
    const apps = await connect({ extensions: UI });
    const withView = await apps.callTool({ name: "get_receivables_summary", arguments: {} });
    expect(String((withView._meta as Record<string, unknown>)["facturation/agingChartSvg"])).toMatch(/^<svg role="img" aria-label="Balance âgée : non échu /);
    const plain = await connect({});
    const withoutView = await plain.callTool({ name: "get_receivables_summary", arguments: {} });
    expect(withoutView._meta).toBeUndefined();
    expect(withoutView.structuredContent).toEqual(withView.structuredContent);
  });

  it("asks a client with URL-mode elicitation to open the confirmation page, and executes nothing", async () => {
    const asked: ElicitRequest[] = [];
    const client = await connect({ elicitation: { url: {} } }, (r) => asked.push(r));
    const proposal = ProposalResultSchema.parse((await client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftIds[0] } })).structuredContent);
    expect(proposal.status).toBe("pending");
    expect(proposal.confirmUrl).toBe(`http://127.0.0.1:8765/actions/${proposal.pendingAction.id}`);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.params).toMatchObject({ mode: "url", url: proposal.confirmUrl, elicitationId: proposal.pendingAction.id });
    // Accepting to open the page confirms nothing.
    expect((await deps.store.get(proposal.pendingAction.id))?.status).toBe("pending");
  });

  it("gives the plain link to a client without elicitation", async () => {
    const client = await connect({});
    const result = await client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftIds[1] } });
    const proposal = ProposalResultSchema.parse(result.structuredContent);
    expect(proposal.pendingReason).toBe("no_elicitation");
    expect(JSON.stringify(result.content)).toContain(`ou l'ouvrir sur la page ${proposal.confirmUrl}`);
  });
});

describe("MCP Apps views rendered by a host in headless Chromium", { timeout: 300_000 }, () => {
  let opened: OpenedDatabase;
  let client: Client;
  let browser: Browser;
  let host: Server;
  let pages: Map<string, { view: string; result: unknown }>;
  let origin: string;
  beforeAll(async () => {
    opened = await pgliteBackend.fresh();
    await loadDemoData(opened.db, DEMO_TODAY);
    const draft = (await createDraftInvoice(opened.db, { kind: "invoice", clientId: 1, issueDate: DEMO_TODAY, lines: [line("1000.00")], createdBy: "claire" })).invoice.id;
    const deps: ConfirmationDeps = {
      store: dbConfirmationStore(opened.db),
      actions: ACTIONS,
      policy: confirmationPolicyFromSettings(opened.db, {}),
      now: () => new Date(`${DEMO_TODAY}T09:00:00Z`),
      today: () => DEMO_TODAY,
      confirmationUrl: (id) => `http://127.0.0.1:8765/actions/${id}`,
    };
    const server = createMcpServer({ tools: TOOLS, allow: TOOLS.map((t) => t.name), resources: RESOURCES, db: opened.db, session: { userId: "claire", role: "project_manager", channel: "mcp_memory" }, confirmation: deps });
    client = new Client({ name: "hôte-mcp-apps", version: "1.0.0" }, { capabilities: { extensions: UI } });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(b);
    await client.connect(a);
    const viewOf = async (uri: string) => String(((await client.readResource({ uri })).contents[0] as { text: string }).text);
    pages = new Map([
      ["/facture", { view: await viewOf("ui://facturation/apercu-facture.html"), result: await client.callTool({ name: "get_invoice", arguments: { invoice: "F-2026-0007" } }) }],
      ["/action", { view: await viewOf("ui://facturation/action-en-attente.html"), result: await client.callTool({ name: "issue_invoice", arguments: { invoiceId: draft } }) }],
      ["/balance", { view: await viewOf("ui://facturation/balance-agee.html"), result: await client.callTool({ name: "get_receivables_summary", arguments: {} }) }],
    ]);
    let current = "/facture";
    host = createServer((req, res) => {
      const path = req.url ?? "/";
      if (pages.has(path)) current = path;
      const entry = pages.get(current)!;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(path === "/view.html" ? entry.view : hostPage(entry.result));
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", () => resolve()));
    origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => host?.close(() => resolve()));
    await client?.close();
    await opened?.close();
  });

  it("shows the invoice preview from get_invoice's answer", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/facture`);
    const view = page.frameLocator("#view");
    await expect.poll(() => view.locator("[data-gross]").textContent(), { timeout: 60_000 }).toBe("10\u202f800,00\u00a0€");
    expect(await view.locator("h1").textContent()).toContain("Facture F-2026-0007");
    await browser.screenshot(page, "10-vue-mcp-apps-facture");
  });

  it("shows the pending-action card, which opens the confirmation page and never confirms by itself", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/action`);
    const view = page.frameLocator("#view");
    const proposal = ProposalResultSchema.parse((pages.get("/action")!.result as { structuredContent: unknown }).structuredContent);
    await expect.poll(() => view.locator("[data-status]").getAttribute("data-status"), { timeout: 60_000 }).toBe("pending");
    await view.getByRole("button", { name: "Ouvrir la page de confirmation" }).click();
    await expect.poll(() => page.evaluate("window.openedLinks")).toEqual([proposal.confirmUrl]);
    expect(await view.locator("code").textContent()).toBe(proposal.confirmCommand);
    await browser.screenshot(page, "11-vue-mcp-apps-action");
  });

  it("shows the aging chart (the server's SVG) and its buckets from get_receivables_summary", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/balance`);
    const view = page.frameLocator("#view");
    const summary = (pages.get("/balance")!.result as { structuredContent: { aging: { overall: { total: { amount: string } } } } }).structuredContent;
    await expect.poll(() => view.locator('[data-bucket="total"]').textContent(), { timeout: 60_000 }).toBe(
      summary.aging.overall.total.amount.replace(/\B(?=(\d{3})+(?!\d)(?=\.))/g, "\u202f").replace(".", ",") + "\u00a0€",
    );
    expect(await view.locator("figure[data-chart] svg[role=img]").count()).toBe(1);
    await browser.screenshot(page, "12-vue-mcp-apps-balance-agee");
  });
});
