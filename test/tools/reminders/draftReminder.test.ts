import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { updateClient } from "../../../db/repositories/clients.js";
import { markInvoiceDisputed } from "../../../db/repositories/invoiceStatusChanges.js";
import { reminders } from "../../../db/schema/index.js";
import { draftReminderTool } from "../../../tools/reminders/draftReminder.js";
import { pay, sentReminder } from "../payments/paymentsFixtures.js";
import { auditActions, type ReminderBench, startReminderBench, storedPending, storedReminders } from "./remindersFixtures.js";

type Structured = Record<string, any>;

describe("draft_reminder", () => {
  let b: ReminderBench | undefined;
  afterEach(async () => {
    await b?.close();
    b = undefined;
  });
  const draft = async (args: Record<string, unknown>) => {
    const result = await b!.h.client.callTool({ name: "draft_reminder", arguments: args });
    return { result, s: result.structuredContent as Structured, text: (result.content as { text: string }[])[0]?.text ?? "" };
  };

  it("drafts the level the policy says is due today (R1 at 8 days late), to the client record's billing e-mail, and stores it unsent", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    const { s, text } = await draft({ invoice: b.ledger.a2.number });
    expect(s).toMatchObject({
      status: "drafted",
      outcome: "created",
      level: "r1",
      levelLabel: "relance R1 (cordiale)",
      chosenBy: "policy",
      forcedReason: null,
      asOf: "2026-03-20",
      invoice: { number: "F-2026-00002", dueDate: "2026-03-12", amountDue: "600.00", outstanding: "600.00", daysOverdue: 8 },
      client: { name: "Acme Industrie" },
      recipient: "compta@acme.example",
      penalties: null,
      next: { level: "r2", date: "2026-03-28" },
    });
    expect(s.subject).toContain("F-2026-00002");
    expect(s.textPreview).toContain("600,00");
    expect(s.textPreview).toContain("Claire Martin");
    expect(text).toMatch(/^Relance R1 \(cordiale\) préparée \(n° \d+\) pour la facture F-2026-00002 de Acme Industrie \(reste dû 600,00/);
    const rows = await storedReminders(b.h.opened.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: s.reminderId, invoiceId: b.ledger.a2.id, level: 1, status: "drafted", remindedOn: "2026-03-20", recipient: "compta@acme.example", subject: s.subject, sentAt: null });
    expect(await auditActions(b.h.opened.db)).toContain("reminder_drafted");
    expect(await storedPending(b.h.opened.db)).toEqual([]);
  });

  it("never skips a level: 44 days late with nothing sent gives R1, and R3 is refused without a reason", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    expect((await draft({ invoice: b.ledger.a1.number })).s).toMatchObject({ level: "r1", chosenBy: "policy" });
    const before = await storedReminders(b.h.opened.db);
    const { result } = await draft({ invoice: b.ledger.a1.number, level: "r3" });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: "level : relance R3 (mise en demeure) sauterait relance R1 (cordiale) : les niveaux ne se sautent pas, sauf en indiquant le motif (reason)" }],
    });
    expect(await storedReminders(b.h.opened.db)).toEqual(before);
  });

  it("forces R3 with a reason: late penalties at the invoice's rate over 44 days and the 40 € indemnity, to the cent", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    const { s } = await draft({ invoice: b.ledger.a1.number, level: "r3", reason: "client injoignable depuis deux mois" });
    // 1 200,00 × 12,15 % × 44 / 365 = 17,5759 → 17,58 ; + 40,00 indemnity ; total 1 257,58.
    expect(s).toMatchObject({
      level: "r3",
      chosenBy: "forced",
      forcedReason: "client injoignable depuis deux mois",
      penalties: { annualRatePercent: "12.15", days: 44, interest: "17.58", fixedIndemnity: "40.00", totalClaimed: "1257.58" },
    });
    expect(s.textPreview).toContain("1\u202f257,58");
    const [row] = await storedReminders(b.h.opened.db);
    expect(row).toMatchObject({ level: 3, status: "drafted" });
  });

  it("follows the sequence already sent: after R1 and R2, the mise en demeure is due at +30 days", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    await sentReminder(b.h.opened.db, b.ledger.a1.id, 1, "2026-02-11");
    await sentReminder(b.h.opened.db, b.ledger.a1.id, 2, "2026-02-19");
    const { s } = await draft({ invoice: b.ledger.a1.number });
    expect(s).toMatchObject({ level: "r3", chosenBy: "policy", penalties: { interest: "17.58", totalClaimed: "1257.58" }, next: { level: "escalation", date: "2026-04-19" } });
  });

  it("computes the penalties on what is still owed after a partial payment made late", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    await sentReminder(b.h.opened.db, b.ledger.a1.id, 1, "2026-02-11");
    await sentReminder(b.h.opened.db, b.ledger.a1.id, 2, "2026-02-19");
    await pay(b.h.opened.db, b.ledger.acme.id, "200.00", "2026-02-14", [{ invoiceId: b.ledger.a1.id, amount: "200.00" }]);
    const { s } = await draft({ invoice: b.ledger.a1.number });
    // 200,00 × 10 days + 1 000,00 × 44 days = 46 000 ; × 12,15 % / 365 = 15,3123 → 15,31.
    expect(s).toMatchObject({ invoice: { amountDue: "1200.00", outstanding: "1000.00" }, penalties: { interest: "15.31", fixedIndemnity: "40.00", totalClaimed: "1055.31" } });
  });

  it("says nothing is due before the due date, and drafts a pre-due reminder when asked (stored as level 0)", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    const refused = await draft({ invoice: b.ledger.a3.number });
    expect(refused.result.isError).toBe(true);
    expect(refused.text).toMatch(/^level : Rien à envoyer aujourd'hui .* Pour relancer malgré tout, indiquez le niveau voulu \(level\)\.$/);
    expect(await storedReminders(b.h.opened.db)).toEqual([]);
    const { s } = await draft({ invoice: b.ledger.a3.number, level: "pre_due" });
    expect(s).toMatchObject({ level: "pre_due", chosenBy: "forced", invoice: { daysOverdue: 0, outstanding: "300.00" } });
    const [row] = await storedReminders(b.h.opened.db);
    expect(row).toMatchObject({ level: 0, status: "drafted" });
  });

  it("refuses R1 before the due date with the template's French reason, storing nothing", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    const { result, text } = await draft({ invoice: b.ledger.a3.number, level: "r1" });
    expect(result.isError).toBe(true);
    expect(text).toBe("level : la facture n'est pas encore échue : seul un rappel avant échéance (pre_due) est possible");
    expect(await storedReminders(b.h.opened.db)).toEqual([]);
  });

  it("keeps one unsent draft per invoice: the same draft again changes nothing, another level rewrites it", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    const first = await draft({ invoice: b.ledger.a2.number });
    const again = await draft({ invoice: b.ledger.a2.number });
    expect(again.s).toMatchObject({ reminderId: first.s.reminderId, outcome: "unchanged" });
    expect(again.text).toContain("déjà préparée");
    const r2 = await draft({ invoice: b.ledger.a2.number, level: "r2", reason: "deuxième facture en retard du client" });
    expect(r2.s).toMatchObject({ reminderId: first.s.reminderId, outcome: "updated", level: "r2" });
    const rows = await storedReminders(b.h.opened.db);
    expect(rows.map((r) => [r.id, r.level, r.status])).toEqual([[first.s.reminderId, 2, "drafted"]]);
    expect((await auditActions(b.h.opened.db)).filter((a) => a.startsWith("reminder_"))).toEqual(["reminder_drafted", "reminder_redrafted"]);
  });

  it("refuses a paid invoice and a disputed one with a French reason, storing nothing", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    await pay(b.h.opened.db, b.ledger.acme.id, "600.00", "2026-03-15", [{ invoiceId: b.ledger.a2.id, amount: "600.00" }]);
    const paid = await draft({ invoice: b.ledger.a2.number });
    expect(paid.result.isError).toBe(true);
    expect(paid.text).toBe("invoice : la facture F-2026-00002 est soldée au 20/03/2026 : aucune relance à envoyer");
    await markInvoiceDisputed(b.h.opened.db, b.ledger.a1.id, { disputed: true, reason: "livrable incomplet", actor: "test", channel: "test" });
    const disputed = await draft({ invoice: b.ledger.a1.number });
    expect(disputed.text).toBe("invoice : la facture F-2026-00001 est en litige (livrable incomplet) : les relances sont suspendues jusqu'à la levée du litige");
    expect(await storedReminders(b.h.opened.db)).toEqual([]);
  });

  it("refuses a client record without a billing e-mail, naming the field", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    await updateClient(b.h.opened.db, b.ledger.acme.id, { billingContacts: [] });
    const { result, text } = await draft({ invoice: b.ledger.a2.number });
    expect(result.isError).toBe(true);
    expect(text).toBe("client.billingContacts : la fiche client de Acme Industrie n'a pas d'adresse e-mail de facturation : complétez-la avant de relancer");
    expect(await storedReminders(b.h.opened.db)).toEqual([]);
  });

  it("answers bad input with a French error naming the field, and keeps serving", async () => {
    b = await startReminderBench({ tools: [draftReminderTool] });
    const unknown = await draft({ invoice: "F-2099-99999" });
    expect(unknown.result).toMatchObject({ isError: true, content: [{ text: "invoice : aucune facture F-2099-99999" }] });
    const badLevel = await draft({ invoice: b.ledger.a2.number, level: "r4" });
    expect(badLevel.result.isError).toBe(true);
    expect(badLevel.text).toMatch(/^level : /);
    const noRecipient = await draft({ invoice: b.ledger.a2.number, recipient: "pirate@example.com" });
    expect(noRecipient.result.isError).toBe(true);
    expect(noRecipient.text).toMatch(/recipient/);
    expect(await storedReminders(b.h.opened.db)).toEqual([]);
    expect((await draft({ invoice: b.ledger.a2.number })).s.level).toBe("r1");
    const [row] = await b.h.opened.db.select().from(reminders).where(eq(reminders.invoiceId, b.ledger.a2.id));
    expect(row?.recipient).toBe("compta@acme.example");
  });
});
