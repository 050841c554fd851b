import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../../engine/errors.js";
import { composeReminderMessage } from "../../../tools/mail/composeReminderMessage.js";
import { sendMail } from "../../../tools/mail/sendMail.js";
import type { OutboxStore } from "../../../tools/mail/outboxStore.js";
import { type LoopbackSmtpServer, startLoopbackSmtpServer } from "./loopbackSmtpServer.js";
import { fakeInvoicePdf, reminderInput } from "./reminderFixtures.js";

const unusedOutbox: OutboxStore = {
  add: () => Promise.reject(new Error("the outbox must not be used when SMTP_URL is set")),
  list: () => Promise.resolve([]),
};

describe("composeReminderMessage", () => {
  let server: LoopbackSmtpServer;
  beforeEach(async () => {
    server = await startLoopbackSmtpServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function deliver(level: "pre_due" | "r1" | "r2" | "r3", overrides: Parameters<typeof reminderInput>[1] = {}) {
    const date = new Date("2026-05-19T08:30:00Z");
    const message = await composeReminderMessage({ reminder: reminderInput(level, overrides), invoicePdf: fakeInvoicePdf(), date, reminderId: 12 });
    await sendMail(message, { smtpUrl: `smtp://127.0.0.1:${server.port}`, dataDir: "/nonexistent", outbox: unusedOutbox });
    expect(server.received).toHaveLength(1);
    return { message, mail: server.received[0]! };
  }

  it("sends From the seller To the client's billing address, with Reply-To, Date and Message-ID", async () => {
    const input = reminderInput("r1");
    const { message, mail } = await deliver("r1", { seller: { ...input.seller, replyTo: "relances@atelier-numerique.fr" } });
    expect(mail.envelopeFrom).toBe("compta@atelier-numerique.fr");
    expect(mail.envelopeTo).toEqual(["factures@acme-etudes.fr"]);
    expect(mail.parsed.from?.value).toEqual([{ name: "Atelier Numérique SAS", address: "compta@atelier-numerique.fr" }]);
    const to = Array.isArray(mail.parsed.to) ? mail.parsed.to : [mail.parsed.to];
    expect(to.flatMap((a) => a?.value ?? [])).toEqual([{ name: "Acme Études", address: "factures@acme-etudes.fr" }]);
    expect(mail.parsed.replyTo?.value).toEqual([{ name: "", address: "relances@atelier-numerique.fr" }]);
    expect(mail.parsed.date?.toISOString()).toBe("2026-05-19T08:30:00.000Z");
    expect(mail.parsed.messageId).toBe(message.messageId);
    expect(message.messageId).toMatch(/^<[0-9a-f-]{36}@atelier-numerique\.fr>$/);
    expect(mail.parsed.headers.get("x-facturation-reminder-id")).toBe("12");
    expect(mail.parsed.headers.get("content-language")).toBe("fr");
  });

  it("encodes the French subject so its accents arrive intact", async () => {
    const { mail } = await deliver("r2");
    expect(mail.raw.toString("latin1")).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(mail.parsed.subject).toBe("Deuxième relance : facture n° FA-2026-0042 impayée");
  });

  it("carries a text part and an HTML part with the same French content", async () => {
    const { mail } = await deliver("r1");
    expect(mail.parsed.text).toContain("Sauf erreur ou omission de notre part, la facture n° FA-2026-0042 du 20 mars 2026");
    expect(mail.parsed.html).toContain("Sauf erreur ou omission de notre part, la facture n°&nbsp;FA-2026-0042 du 20 mars 2026");
    expect(mail.raw.toString("latin1")).toMatch(/Content-Type: multipart\/alternative/);
  });

  it("attaches the invoice PDF with its name, type and exact bytes", async () => {
    const { mail } = await deliver("r1");
    expect(mail.parsed.attachments).toHaveLength(1);
    const attachment = mail.parsed.attachments[0]!;
    expect(attachment.filename).toBe("Facture FA-2026-0042.pdf");
    expect(attachment.contentType).toBe("application/pdf");
    expect(attachment.contentDisposition).toBe("attachment");
    expect(Buffer.compare(attachment.content, fakeInvoicePdf().content)).toBe(0);
  });

  it("delivers the mise en demeure with the penalty rate and amount and the 40 € indemnity", async () => {
    const { mail } = await deliver("r3");
    expect(mail.parsed.subject).toBe("Mise en demeure de payer : facture n° FA-2026-0042");
    expect(mail.parsed.text).toContain("au taux annuel contractuel de 12,15\u00a0%, calculées sur 30 jours : 161,78\u00a0€");
    expect(mail.parsed.text).toContain("indemnité forfaitaire pour frais de recouvrement : 40,00\u00a0€");
    expect(mail.parsed.html).toContain("40,00\u00a0€");
  });

  it("delivers a hostile client name escaped in HTML and literal in text", async () => {
    const input = reminderInput("r1");
    const name = "<script>alert(1)</script> {{x}}";
    const { mail } = await deliver("r1", { client: { ...input.client, name, contactName: name } });
    expect(mail.parsed.html).not.toContain("<script>");
    expect(mail.parsed.html).toContain("Bonjour &lt;script&gt;alert(1)&lt;/script&gt; {{x}},");
    expect(mail.parsed.text).toContain(`Bonjour ${name},`);
    const to = Array.isArray(mail.parsed.to) ? mail.parsed.to : [mail.parsed.to];
    expect(to.flatMap((a) => a?.value ?? [])).toEqual([{ name, address: "factures@acme-etudes.fr" }]);
  });

  it("can send without attachment only when told so explicitly", async () => {
    const message = await composeReminderMessage({ reminder: reminderInput("pre_due"), invoicePdf: null });
    await sendMail(message, { smtpUrl: `smtp://127.0.0.1:${server.port}`, dataDir: "/nonexistent", outbox: unusedOutbox });
    expect(server.received[0]!.parsed.attachments).toHaveLength(0);
    await expect(composeReminderMessage({ reminder: reminderInput("r1") } as never)).rejects.toThrow(InputError);
  });

  it("refuses an attachment that is not a PDF, naming the field", async () => {
    await expect(
      composeReminderMessage({ reminder: reminderInput("r1"), invoicePdf: { filename: "facture.pdf", content: Buffer.from("<html>") } }),
    ).rejects.toThrow("invoicePdf.content : n'est pas un fichier PDF (en-tête %PDF- absent)");
    await expect(
      composeReminderMessage({ reminder: reminderInput("r1"), invoicePdf: { filename: "../../etc/facture.pdf", content: fakeInvoicePdf().content } }),
    ).rejects.toThrow(/^invoicePdf\.filename : /);
    expect(server.received).toHaveLength(0);
  });

  it("names the nested field of an invalid reminder", async () => {
    const input = reminderInput("r1");
    await expect(
      composeReminderMessage({ reminder: { ...input, client: { ...input.client, billingEmail: "nobody" } }, invoicePdf: null }),
    ).rejects.toThrow("reminder.client.billingEmail : doit être une adresse e-mail valide");
  });
});
