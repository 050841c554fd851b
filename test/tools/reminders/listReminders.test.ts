import { afterEach, describe, expect, it } from "vitest";
import { localDesk } from "../../../tools/confirmation/pendingActionDesk.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { draftReminderTool } from "../../../tools/reminders/draftReminder.js";
import { listRemindersTool } from "../../../tools/reminders/listReminders.js";
import { sendReminderTool } from "../../../tools/reminders/sendReminder.js";
import { FINANCE } from "../harness.js";
import { sentReminder } from "../payments/paymentsFixtures.js";
import { type ReminderBench, startReminderBench } from "./remindersFixtures.js";

type Structured = Record<string, any>;

describe("list_reminders", () => {
  let b: ReminderBench | undefined;
  afterEach(async () => {
    await b?.close();
    b = undefined;
  });
  const list = async (args: Record<string, unknown>) => {
    const result = await b!.h.client.callTool({ name: "list_reminders", arguments: args });
    return { result, s: result.structuredContent as Structured, text: (result.content as { text: string }[])[0]?.text ?? "" };
  };

  it("gives an invoice's history: imported, sent through the outbox and drafted reminders, with level, date, channel, recipient and status", async () => {
    b = await startReminderBench({ tools: [draftReminderTool, sendReminderTool, listRemindersTool] });
    await sentReminder(b.h.opened.db, b.ledger.a1.id, 1, "2026-02-11");
    const draftA1 = await b.h.client.callTool({ name: "draft_reminder", arguments: { invoice: b.ledger.a1.number } });
    expect((draftA1.structuredContent as Structured).level).toBe("r2");
    const draftA2 = await b.h.client.callTool({ name: "draft_reminder", arguments: { invoice: b.ledger.a2.number } });
    const a2Id = (draftA2.structuredContent as Structured).reminderId as number;
    const proposal = ProposalResultSchema.parse((await b.h.client.callTool({ name: "send_reminder", arguments: { reminderId: a2Id } })).structuredContent);
    const desk = localDesk(b.h.deps);
    const view = await desk.show(proposal.pendingAction.id);
    const outcome = await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });

    const a1 = await list({ invoice: b.ledger.a1.number });
    expect(a1.s.reminders.map((r: Structured) => [r.level, r.date, r.status, r.delivery, r.recipient])).toEqual([
      ["r1", "2026-02-11", "sent", null, "compta@acme.example"],
      ["r2", "2026-03-20", "drafted", null, "compta@acme.example"],
    ]);
    expect(a1.s).toMatchObject({ sentCount: 1, draftedCount: 1 });
    expect(a1.text.split("\n")).toEqual([
      "2 relances pour la facture F-2026-00001 (1 envoyée) :",
      "- 11/02/2026 F-2026-00001 : relance R1 (cordiale), envoyée à compta@acme.example",
      "- 20/03/2026 F-2026-00001 : relance R2 (ferme), préparée, non envoyée à compta@acme.example",
    ]);

    const client = await list({ clientId: b.ledger.acme.id });
    expect(client.s.reminders).toHaveLength(3);
    const sent = client.s.reminders.find((r: Structured) => r.reminderId === a2Id);
    expect(sent).toMatchObject({
      invoiceNumber: "F-2026-00002",
      clientName: "Acme Industrie",
      level: "r1",
      label: "relance R1 (cordiale)",
      channel: "email",
      delivery: "outbox",
      status: "sent",
      messageId: (outcome.result as Structured).messageId,
    });
    expect(sent.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Structured fields only: no subject, no e-mail body.
    expect(Object.keys(sent).sort()).toEqual(["channel", "clientName", "date", "delivery", "invoiceNumber", "label", "level", "messageId", "recipient", "reminderId", "sentAt", "status"]);
  });

  it("says when there is none, and refuses a call naming neither an invoice nor a client", async () => {
    b = await startReminderBench({ tools: [listRemindersTool] });
    expect((await list({ invoice: b.ledger.a3.number })).text).toBe("Aucune relance pour la facture F-2026-00004.");
    const none = await list({});
    expect(none.result).toMatchObject({ isError: true, content: [{ text: "invoice : indiquez une facture (invoice) ou un client (clientId)" }] });
    const other = await list({ invoice: b.ledger.b0.number, clientId: b.ledger.acme.id });
    expect(other.result).toMatchObject({ isError: true, content: [{ text: "invoice : la facture F-2025-00001 n'est pas celle de Acme Industrie" }] });
    const bad = await list({ clientId: "Acme" });
    expect(bad.result.isError).toBe(true);
    expect(bad.text).toMatch(/^clientId : /);
    expect((await list({ clientId: b.ledger.beta.id })).s.reminders).toEqual([]);
  });

  it("uses the conversation's client when it is bound (clientId is then not asked)", async () => {
    b = await startReminderBench({ tools: [listRemindersTool], binding: { clientId: 1 } });
    await sentReminder(b.h.opened.db, b.ledger.a1.id, 1, "2026-02-11");
    const listed = (await b.h.client.listTools()).tools.find((t) => t.name === "list_reminders");
    expect(Object.keys((listed?.inputSchema as { properties: object }).properties)).toEqual(["invoice"]);
    const { s } = await list({});
    expect(s.reminders.map((r: Structured) => r.invoiceNumber)).toEqual(["F-2026-00001"]);
  });
});
