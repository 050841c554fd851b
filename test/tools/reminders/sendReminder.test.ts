import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { updateClient } from "../../../db/repositories/clients.js";
import { markInvoiceDisputed } from "../../../db/repositories/invoiceStatusChanges.js";
import { localDesk } from "../../../tools/confirmation/pendingActionDesk.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { dbOutboxStore } from "../../../tools/mail/dbOutboxStore.js";
import { draftReminderTool } from "../../../tools/reminders/draftReminder.js";
import { sendReminderTool } from "../../../tools/reminders/sendReminder.js";
import { FINANCE } from "../harness.js";
import { type LoopbackSmtpServer, startLoopbackSmtpServer } from "../mail/loopbackSmtpServer.js";
import { pay } from "../payments/paymentsFixtures.js";
import { auditActions, emlFiles, type ReminderBench, startReminderBench, storedOutbox, storedPending, storedReminders } from "./remindersFixtures.js";

const TOOLS = [draftReminderTool, sendReminderTool];
const ACCEPT = () => ({ action: "accept" as const, content: { confirmer: true } });

async function drafted(b: ReminderBench, args: Record<string, unknown>): Promise<number> {
  const result = await b.h.client.callTool({ name: "draft_reminder", arguments: args });
  return (result.structuredContent as { reminderId: number }).reminderId;
}

async function propose(b: ReminderBench, reminderId: number) {
  const result = await b.h.client.callTool({ name: "send_reminder", arguments: { reminderId } });
  return { result, s: ProposalResultSchema.parse(result.structuredContent) };
}

describe("send_reminder", () => {
  let b: ReminderBench | undefined;
  let smtp: LoopbackSmtpServer | undefined;
  afterEach(async () => {
    await b?.close();
    await smtp?.close();
    b = undefined;
    smtp = undefined;
  });

  it("only proposes: without confirmation nothing is sent, no file, no outbox row, the reminder stays drafted", async () => {
    b = await startReminderBench({ tools: TOOLS });
    const reminderId = await drafted(b, { invoice: b.ledger.a2.number });
    const { s, result } = await propose(b, reminderId);
    expect(s).toMatchObject({ status: "pending", kind: "send_reminder", pendingReason: "no_elicitation" });
    expect(s.preview).toMatchObject({ title: "Envoi de la relance R1 (cordiale) pour la facture F-2026-00002", client: "Acme Industrie", amountAtStake: "600.00" });
    expect(Object.fromEntries(s.preview.facts.map((f) => [f.label, f.value]))).toMatchObject({
      Destinataire: "compta@acme.example (fiche client)",
      "Reste dû": "600,00\u00a0€",
      "Pièce jointe": "F-2026-00002.pdf (Factur-X)",
      Envoi: `dans la boîte d'envoi locale (${join(b.dataDir, "outbox")})`,
    });
    expect((result.content as { text: string }[])[0]?.text).toMatch(/^Rien n'a encore été fait\./);
    expect(await emlFiles(b.dataDir)).toEqual([]);
    expect(await storedOutbox(b.h.opened.db)).toEqual([]);
    expect((await storedReminders(b.h.opened.db)).map((r) => r.status)).toEqual(["drafted"]);
    expect(await auditActions(b.h.opened.db)).not.toContain("reminder_sent");
  });

  it("after the out-of-band confirmation: the .eml with the Factur-X PDF in the outbox, a DB outbox row, the reminder sent, audited", async () => {
    b = await startReminderBench({ tools: TOOLS });
    const reminderId = await drafted(b, { invoice: b.ledger.a2.number });
    const { s } = await propose(b, reminderId);
    const desk = localDesk(b.h.deps);
    const view = await desk.show(s.pendingAction.id);
    const outcome = await desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE });
    expect(outcome.text).toMatch(/^Relance R1 \(cordiale\) de la facture F-2026-00002 déposée dans la boîte d'envoi pour compta@acme\.example \(.*\.eml\), avec F-2026-00002\.pdf en pièce jointe\.$/);
    const result = outcome.result as Record<string, string>;
    expect(result).toMatchObject({ reminderId, invoiceNumber: "F-2026-00002", level: "r1", recipient: "compta@acme.example", channel: "outbox", sentOn: "2026-03-20" });

    const [file] = await emlFiles(b.dataDir);
    expect(file).toBe(`${result.outboxId}.eml`);
    const mail = await simpleParser(await readFile(join(b.dataDir, "outbox", file!)));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual(["compta@acme.example"]);
    expect(mail.from?.value[0]?.address).toBe("facturation@atelier-numerique.fr");
    expect(mail.messageId).toBe(result.messageId);
    expect(mail.headers.get("x-facturation-reminder-id")).toBe(String(reminderId));
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([["F-2026-00002.pdf", "application/pdf"]]);
    expect(mail.attachments[0]?.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(mail.attachments[0]?.content.includes(Buffer.from("factur-x.xml"))).toBe(true);
    expect(mail.text).toContain("600,00");

    const [row] = await storedReminders(b.h.opened.db);
    expect(row).toMatchObject({ id: reminderId, status: "sent", remindedOn: "2026-03-20", channel: "email", messageReference: result.messageId });
    expect(row?.sentAt).toBeInstanceOf(Date);
    const outbox = await storedOutbox(b.h.opened.db);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ reminderId, invoiceId: b.ledger.a2.id, to: "compta@acme.example", status: "pending", messageId: result.messageId });
    expect(basename(outbox[0]!.emlPath ?? "")).toBe(file);
    const listed = await dbOutboxStore(b.h.opened.db).list();
    expect(listed.map((r) => [r.id, r.reminderId, r.to])).toEqual([[result.outboxId, reminderId, "compta@acme.example"]]);
    expect((await auditActions(b.h.opened.db)).slice(-4)).toEqual(["action_proposed", "action_awaiting_out_of_band", "reminder_sent", "action_executed"]);

    // Sent once: a second proposal is refused and a replayed confirmation executes nothing.
    const again = await b.h.client.callTool({ name: "send_reminder", arguments: { reminderId } });
    expect(again).toMatchObject({ isError: true, content: [{ text: "reminderId : la relance " + reminderId + " a déjà été envoyée le 20/03/2026" }] });
    await expect(desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE })).rejects.toThrow(/ne peut plus être confirmée/);
    expect(await emlFiles(b.dataDir)).toHaveLength(1);
  });

  it("sends by SMTP when SMTP_URL is set and the human accepts the form: the server receives it with the PDF, the outbox row says sent", async () => {
    smtp = await startLoopbackSmtpServer({ user: "relance", password: "s3cret" });
    b = await startReminderBench({ tools: TOOLS, elicitation: ACCEPT, smtpUrl: `smtp://relance:s3cret@127.0.0.1:${smtp.port}` });
    const reminderId = await drafted(b, { invoice: b.ledger.a1.number, level: "r3", reason: "aucun retour après deux appels" });
    const { s } = await propose(b, reminderId);
    expect(s.status).toBe("executed");
    expect(s.preview.amountAtStake).toBe("1257.58");
    expect(Object.fromEntries(s.preview.facts.map((f) => [f.label, f.value]))).toMatchObject({
      "Pénalités de retard": "17,58\u00a0€ (44 jours)",
      "Indemnité forfaitaire": "40,00\u00a0€",
      "Total réclamé": "1\u202f257,58\u00a0€",
      Envoi: `par SMTP (smtp://relance:***@127.0.0.1:${smtp.port})`,
    });
    expect(JSON.stringify(b.h.elicitations)).not.toContain("s3cret");
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(["compta@acme.example"]);
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(["F-2026-00001.pdf"]);
    expect(mail.parsed.text).toContain("1\u202f257,58");
    expect(s.result).toMatchObject({ channel: "smtp", recipient: "compta@acme.example", level: "r3" });
    expect(await emlFiles(b.dataDir)).toEqual([]);
    const [outbox] = await storedOutbox(b.h.opened.db);
    expect(outbox).toMatchObject({ reminderId, status: "sent", emlPath: null, messageId: mail.parsed.messageId });
    expect((await storedReminders(b.h.opened.db))[0]).toMatchObject({ status: "sent", level: 3, messageReference: mail.parsed.messageId });
  });

  it("leaves everything as it was when the human declines", async () => {
    b = await startReminderBench({ tools: TOOLS, elicitation: () => ({ action: "decline" as const }) });
    const reminderId = await drafted(b, { invoice: b.ledger.a2.number });
    const { s } = await propose(b, reminderId);
    expect(s.status).toBe("declined");
    expect(await emlFiles(b.dataDir)).toEqual([]);
    expect(await storedOutbox(b.h.opened.db)).toEqual([]);
    expect((await storedReminders(b.h.opened.db))[0]).toMatchObject({ status: "drafted", messageReference: null, sentAt: null });
    expect((await storedPending(b.h.opened.db))[0]?.status).toBe("declined");
  });

  it("sends nothing when the invoice was paid between the proposal and the confirmation", async () => {
    b = await startReminderBench({ tools: TOOLS });
    const reminderId = await drafted(b, { invoice: b.ledger.a2.number });
    const { s } = await propose(b, reminderId);
    await pay(b.h.opened.db, b.ledger.acme.id, "600.00", "2026-03-20", [{ invoiceId: b.ledger.a2.id, amount: "600.00" }]);
    const desk = localDesk(b.h.deps);
    const view = await desk.show(s.pendingAction.id);
    await expect(desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE })).rejects.toThrow(
      "reminderId : la facture F-2026-00002 est soldée au 20/03/2026 : aucune relance à envoyer",
    );
    expect(await emlFiles(b.dataDir)).toEqual([]);
    expect(await storedOutbox(b.h.opened.db)).toEqual([]);
    expect((await storedReminders(b.h.opened.db))[0]?.status).toBe("drafted");
    expect((await storedPending(b.h.opened.db))[0]?.status).toBe("failed");
  });

  it("sends nothing when the client's billing e-mail changed after the proposal (the approved recipient is no longer the record's)", async () => {
    b = await startReminderBench({ tools: TOOLS });
    const reminderId = await drafted(b, { invoice: b.ledger.a2.number });
    const { s } = await propose(b, reminderId);
    await updateClient(b.h.opened.db, b.ledger.acme.id, { billingContacts: [{ email: "nouvelle-compta@acme.example" }] });
    const desk = localDesk(b.h.deps);
    const view = await desk.show(s.pendingAction.id);
    await expect(desk.confirm({ actionId: view.id, digest: view.digest, confirmer: FINANCE })).rejects.toThrow(/a changé depuis la proposition : rien n'a été envoyé/);
    expect(await emlFiles(b.dataDir)).toEqual([]);
    expect((await storedReminders(b.h.opened.db))[0]?.status).toBe("drafted");
  });

  it("refuses an unknown reminder and a disputed invoice with French errors naming the field, and creates no pending action", async () => {
    b = await startReminderBench({ tools: TOOLS });
    const unknown = await b.h.client.callTool({ name: "send_reminder", arguments: { reminderId: 999 } });
    expect(unknown).toMatchObject({ isError: true, content: [{ text: "reminderId : relance 999 introuvable" }] });
    const badType = await b.h.client.callTool({ name: "send_reminder", arguments: { reminderId: "la dernière" } });
    expect(badType.isError).toBe(true);
    expect((badType.content as { text: string }[])[0]?.text).toMatch(/^reminderId : /);
    const reminderId = await drafted(b, { invoice: b.ledger.a2.number });
    await markInvoiceDisputed(b.h.opened.db, b.ledger.a2.id, { disputed: true, reason: "montant contesté", actor: "test", channel: "test" });
    const disputed = await b.h.client.callTool({ name: "send_reminder", arguments: { reminderId } });
    expect(disputed).toMatchObject({ isError: true, content: [{ text: "reminderId : la facture F-2026-00002 est en litige (montant contesté) : les relances sont suspendues jusqu'à la levée du litige" }] });
    expect(await storedPending(b.h.opened.db)).toEqual([]);
  });
});
