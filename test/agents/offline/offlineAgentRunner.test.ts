import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { invoices } from "../../../db/schema/invoices.js";
import { getAgentDefinition } from "../../../agents/definitions/agentDefinition.js";
import { formatEuros } from "../../../engine/money/formatEuros.js";
import { toDecimal } from "../../../engine/money/money.js";
import { OfflineAgentRunner } from "../../../agents/offline/offlineAgentRunner.js";
import { connectToolGateway } from "../../../agents/runtime/toolGateway.js";
import { DEMO_TODAY, openDemoChat, type DemoChat } from "../chat/demoChat.js";

const DevRequestSchema = z.object({ text: z.string(), agents: z.array(z.string()) });
const DEV = readFileSync(new URL("../../fixtures/requests/dev.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => DevRequestSchema.parse(JSON.parse(line)));

/**
 * The tool each dev request must reach on the demo data (in request order); null when the right
 * answer is a precise question back or a refusal (no domain tool).
 */
const EXPECTED_TOOL: readonly (string | null)[] = [
  "prepare_invoice_draft", "list_ready_to_invoice", "list_ready_to_invoice", "issue_invoice", "issue_invoice", "prepare_invoice_draft",
  "issue_invoice", "record_lot_progress", "issue_credit_note", "get_project_billing_status", null, "issue_invoice",
  "get_receivables_summary", "get_receivables_summary", "list_invoices", "list_invoices", "list_invoices", "get_receivables_summary",
  "record_payment", "get_receivables_summary", "list_invoices", "match_bank_statement", "get_invoice", "get_receivables_summary",
  "list_invoices", "send_reminder", "send_reminder", "get_dunning_status", "send_reminder", "send_reminder", "list_reminders",
  null, null, null, null, null, null, null, "get_project_billing_status", "list_invoices",
];

let demo: DemoChat;
beforeAll(async () => {
  demo = await openDemoChat();
});
afterAll(async () => {
  await demo.close();
});

describe("OfflineAgentRunner.run", () => {
  it("answers every dev request on the demo data: right agents, right tool, no tool error, a French answer", async () => {
    expect(EXPECTED_TOOL).toHaveLength(DEV.length);
    for (const [index, request] of DEV.entries()) {
      const report = await demo.chat.orchestrator({}).handle(request.text);
      const calls = report.steps.flatMap((step) => step.toolCalls);
      const where = `#${index} « ${request.text} »`;
      expect(report.agents, where).toEqual(request.agents);
      expect(calls.filter((c) => c.isError || c.refused).map((c) => c.name), where).toEqual([]);
      const expected = EXPECTED_TOOL[index];
      if (expected) expect(calls.map((c) => c.name), where).toContain(expected);
      else expect(calls.filter((c) => !c.name.startsWith("find_")), where).toEqual([]);
      expect(report.answer.length, where).toBeGreaterThan(20);
      expect(report.answer, where).not.toMatch(/Je ne sais pas encore/);
    }
  }, 180_000);

  it("matches names approximately (typos, accents, case) through the tools", async () => {
    const report = await demo.chat.orchestrator({}).handle("combien reste-t-il a facturer sur le projet atals ?");
    expect(report.steps[0]?.toolCalls.map((c) => c.name)).toContain("get_project_billing_status");
    expect(report.answer).toContain("Atlas (Orion Logistique)");
    // Jalon 3 (20 % of 24 000 €) is still to invoice.
    expect(report.answer).toContain(formatEuros(toDecimal("4800.00")));
  });

  it("asks which one when a name is ambiguous, and calls no domain tool", async () => {
    const report = await demo.chat.orchestrator({}).handle("Ajoute 2 jours de développement pour Nexa");
    expect(report.answer).toMatch(/plusieurs projets/);
    expect(report.steps[0]?.toolCalls.filter((c) => !c.name.startsWith("find_"))).toEqual([]);
  });

  it("keeps the conversation's subject: « et pour Kiwi ? » repeats the question for the new client", async () => {
    const orchestrator = demo.chat.orchestrator({});
    const first = await orchestrator.handle("Quelles factures de Nexa sont en retard ?");
    expect(first.answer).toContain("F-2026-0027");
    const second = await orchestrator.handle("et pour Kiwi ?");
    expect(second.agents).toEqual(["suivi-paiements"]);
    expect(second.answer).toContain("F-2026-0007");
    expect(second.answer).not.toContain("F-2026-0027");
    expect(orchestrator.state.focus.client).toBe("Kiwi Mobile");
  });

  it("puts an invoice in dispute when told, and lists invoices by their state", async () => {
    const disputed = await demo.chat.orchestrator({}).handle("Mets la facture F-2026-0033 en litige, le client conteste");
    expect(disputed.steps[0]?.toolCalls.map((c) => c.name).filter((name) => !name.startsWith("find_"))).toEqual(["set_invoice_dispute"]);
    const [row] = await demo.chat.runtime.opened.db.select().from(invoices).where(eq(invoices.number, "F-2026-0033"));
    expect(row?.disputed).toBe(true);
    const paid = await demo.chat.orchestrator({}).handle("Quelles factures sont payées ?");
    expect(paid.steps[0]?.toolCalls.find((c) => c.name === "list_invoices")?.input).toMatchObject({ status: ["paid"] });
    expect(paid.answer).toContain("payée");
  });

  it("suspends an invoice's reminders when told to stop them, through the dispute flag, drafting nothing", async () => {
    const db = demo.chat.runtime.opened.db;
    const disputedNumbers = async () => (await db.select().from(invoices).where(eq(invoices.disputed, true))).map((r) => r.number).sort();
    const before = await disputedNumbers();
    const ask = await demo.chat.orchestrator({}).handle("Ne relancez plus Nexa");
    expect(ask.answer).toBe("Pour quelle facture faut-il suspendre les relances (numéro, par exemple F-2026-0024) ?");
    expect(await disputedNumbers()).toEqual(before);

    const stopped = await demo.chat.orchestrator({}).handle("Ne relancez plus la facture F-2026-0018");
    const calls = stopped.steps.flatMap((s) => s.toolCalls.map((c) => c.name)).filter((name) => !name.startsWith("find_"));
    expect(calls).toEqual(["set_invoice_dispute"]);
    expect(stopped.answer).toContain("ses relances sont suspendues");
    const [row] = await db.select().from(invoices).where(eq(invoices.number, "F-2026-0018"));
    expect(row).toMatchObject({ disputed: true, disputeReason: "suspension des relances demandée par l'utilisateur" });

    // "…jusqu'à la fin du litige" holds the reminders; it does not lift the dispute.
    await demo.chat.orchestrator({}).handle("Suspends les relances de la facture F-2026-0024 jusqu'à la fin du litige");
    const [held] = await db.select().from(invoices).where(eq(invoices.number, "F-2026-0024"));
    expect(held?.disputed).toBe(true);
  });

  it("refuses a call to a tool outside the agent's allowlist, executing nothing", async () => {
    const runner = new OfflineAgentRunner({ today: () => DEMO_TODAY });
    const gateway = await connectToolGateway({
      agent: "email-relance",
      createServer: (profile) => demo.chat.runtime.createServer(demo.chat.session, profile.allowedTools),
      audit: () => {},
    });
    try {
      const refused = await gateway.callTool("issue_invoice", { invoiceId: 1 });
      expect(refused.refused).toBe(true);
      const result = await runner.run({ agent: getAgentDefinition("email-relance"), gateway, history: [{ role: "user", text: "Quelles relances ont déjà été envoyées à Kiwi ?" }] });
      expect(result.toolCalls.map((c) => c.name)).toContain("list_reminders");
      expect(result.toolCalls.some((c) => c.name === "issue_invoice")).toBe(false);
    } finally {
      await gateway.close();
    }
  });
});
