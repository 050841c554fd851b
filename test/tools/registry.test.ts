import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDraftInvoice } from "../../db/repositories/invoiceDrafts.js";
import { renderCatalogue } from "../../tools/catalogue.js";
import { localDesk } from "../../tools/confirmation/pendingActionDesk.js";
import { ProposalResultSchema } from "../../tools/confirmation/proposalResult.js";
import { extractFacturxXml } from "../../engine/einvoice/extractFacturxXml.js";
import { TOOLS } from "../../tools/index.js";
import { RESOURCES } from "../../tools/resources/index.js";
import { line, seedBasics } from "../db/fixtures.js";
import { FINANCE, startHarness, type Harness } from "./harness.js";

type JsonSchema = { type?: unknown; properties?: Record<string, JsonSchema>; required?: string[] };

/** A value of the wrong JSON type for a property schema. */
function wrongValue(schema: JsonSchema): unknown {
  switch (schema.type) {
    case "string":
      return 12345;
    case "number":
    case "integer":
    case "boolean":
    case "object":
    case "array":
      return "valeur-de-mauvais-type";
    default:
      return { inattendu: [true] };
  }
}

describe("the tool registry served through createMcpServer", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ tools: TOOLS, resources: RESOURCES });
  });
  afterAll(async () => {
    await h.close();
  });

  it("lists every registered tool, each with a French title, a description, an output schema and honest annotations", async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());
    for (const tool of tools) {
      const monetary = tool._meta?.["facturation/monetary"];
      expect(tool.name, tool.name).toMatch(/^[a-z]+(_[a-z]+)+$/);
      expect(tool.title, tool.name).toMatch(/[a-zà-ÿ] /i);
      expect(tool.description?.length ?? 0, tool.name).toBeGreaterThan(30);
      expect(tool.outputSchema?.type, tool.name).toBe("object");
      expect(tool.annotations?.readOnlyHint, tool.name).toBeTypeOf("boolean");
      if (monetary === true) expect(tool.annotations, tool.name).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      if (tool.annotations?.readOnlyHint === false) {
        expect(tool.annotations.destructiveHint, tool.name).toBeTypeOf("boolean");
        expect(tool.annotations.idempotentHint, tool.name).toBeTypeOf("boolean");
      }
    }
  });

  it("answers bad input on every tool with a French error naming the field, and keeps serving", async () => {
    const { tools } = await h.client.listTools();
    for (const tool of tools) {
      const schema = tool.inputSchema as JsonSchema;
      const names = Object.keys(schema.properties ?? {});
      const field = schema.required?.[0] ?? names[0];
      if (field === undefined) continue;
      const result = await h.client.callTool({ name: tool.name, arguments: { [field]: wrongValue(schema.properties?.[field] ?? {}) } });
      expect(result.isError, tool.name).toBe(true);
      const text = (result.content as { type: string; text: string }[])[0]?.text ?? "";
      expect(text, tool.name).toMatch(new RegExp(`(^|; )${field}(\\.|\\[| :)`));
      expect(text, tool.name).not.toMatch(/Invalid|Expected|Required|received/);
    }
    expect((await h.client.listTools()).tools.length).toBe(TOOLS.length);
  });

  it("serves an issued invoice as HTML and a project's billing plan as JSON", async () => {
    const { client, project, contract } = await seedBasics(h.opened.db);
    const { invoice } = await createDraftInvoice(h.opened.db, {
      kind: "deposit",
      clientId: client.id,
      projectId: project.id,
      contractId: contract.id,
      issueDate: "2026-03-20",
      lines: [line("3000.00", { label: "Acompte 30 %", scheduleItemIndex: 0 })],
      createdBy: "claire",
    });
    const proposal = ProposalResultSchema.parse((await h.client.callTool({ name: "issue_invoice", arguments: { invoiceId: invoice.id } })).structuredContent);
    const desk = localDesk(h.deps);
    const view = await desk.show(proposal.pendingAction.id);
    const outcome = await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });
    const number = String(outcome.result.number);

    const html = await h.client.readResource({ uri: `facturation://factures/${number}` });
    expect(html.contents[0]).toMatchObject({ mimeType: "text/html" });
    expect(String(html.contents[0] && "text" in html.contents[0] ? html.contents[0].text : "")).toContain(number);

    const pdf = await h.client.readResource({ uri: `facturation://factures/${number}.pdf` });
    const [pdfContent] = pdf.contents;
    expect(pdfContent).toMatchObject({ uri: `facturation://factures/${number}.pdf`, mimeType: "application/pdf" });
    const bytes = Buffer.from(pdfContent && "blob" in pdfContent ? String(pdfContent.blob) : "", "base64");
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const xml = await extractFacturxXml(new Uint8Array(bytes));
    expect(xml).toContain(`<ram:ID>${number}</ram:ID>`);
    expect(xml).toContain("<ram:GrandTotalAmount>3600.00</ram:GrandTotalAmount>");
    const listed = await h.client.listResources();
    expect(listed.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ uri: `facturation://factures/${number}.pdf`, mimeType: "application/pdf" }),
        expect.objectContaining({ uri: `facturation://factures/${number}`, mimeType: "text/html" }),
      ]),
    );
    await expect(h.client.readResource({ uri: "facturation://factures/F-2099-99999.pdf" })).rejects.toThrow(/introuvable/);

    const plan = await h.client.readResource({ uri: `facturation://projets/${project.id}/plan` });
    const parsed = JSON.parse(String(plan.contents[0] && "text" in plan.contents[0] ? plan.contents[0].text : "{}")) as { invoices: { number: string; amountDue: string }[] };
    expect(parsed.invoices).toEqual([expect.objectContaining({ number, amountDue: "3600.00" })]);
    await expect(h.client.readResource({ uri: "facturation://factures/F-2099-99999" })).rejects.toThrow(/introuvable/);
  });
});

describe("renderCatalogue", () => {
  it("documents every tool of the registry with its annotations, monetary flag, input and output fields", () => {
    const markdown = renderCatalogue(TOOLS);
    for (const tool of TOOLS) {
      expect(markdown).toContain(`### \`${tool.name}\` — ${tool.title}`);
      for (const field of Object.keys(tool.inputSchema.shape)) expect(markdown).toContain(`| \`${field}\` |`);
    }
    expect(markdown.match(/^- Monétaire : oui/gm)?.length ?? 0).toBe(TOOLS.filter((t) => t.monetary).length);
  });
});
