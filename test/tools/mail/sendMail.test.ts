import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InputError, SystemError } from "../../../engine/errors.js";
import { type ComposedMessage, composeReminderMessage } from "../../../tools/mail/composeReminderMessage.js";
import { emlFolderOutboxStore } from "../../../tools/mail/emlFolderOutboxStore.js";
import type { OutboxRecord, OutboxStore } from "../../../tools/mail/outboxStore.js";
import { outboxDir, sendMail } from "../../../tools/mail/sendMail.js";
import { type LoopbackSmtpServer, startLoopbackSmtpServer } from "./loopbackSmtpServer.js";
import { fakeInvoicePdf, reminderInput } from "./reminderFixtures.js";

const PASSWORD = "s3cr€t-Pa55/word";
const USER = "relance@atelier-numerique.fr";
const urlFor = (port: number, password = PASSWORD) =>
  `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;

/** An in-memory OutboxStore, standing in for the database repository. */
function memoryOutbox(): OutboxStore & { records: OutboxRecord[] } {
  const records: OutboxRecord[] = [];
  return { records, add: async (r) => void records.push(r), list: async () => [...records] };
}

/** Everything written to stdout, stderr and the console while `run` executes. */
async function captureOutput(run: () => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  const keep = (chunk: unknown) => void chunks.push(String(chunk));
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation((c) => (keep(c), true)),
    vi.spyOn(process.stderr, "write").mockImplementation((c) => (keep(c), true)),
    ...(["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a) => keep(a.join(" ")))),
  ];
  try {
    await run().catch((error: unknown) => keep(inspect(error, { depth: 10 })));
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return chunks.join("\n");
}

async function message(reminderId?: number): Promise<ComposedMessage> {
  return composeReminderMessage({ reminder: reminderInput("r1"), invoicePdf: fakeInvoicePdf(), ...(reminderId ? { reminderId } : {}) });
}

describe("sendMail", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "facturation-mail-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  describe("by SMTP (SMTP_URL set)", () => {
    let server: LoopbackSmtpServer;
    beforeEach(async () => {
      server = await startLoopbackSmtpServer({ user: USER, password: PASSWORD });
    });
    afterEach(async () => {
      await server.close();
    });

    it("authenticates, delivers the message and says where it went, without the password", async () => {
      const outbox = memoryOutbox();
      const lines: string[] = [];
      const m = await message();
      const delivery = await sendMail(m, { smtpUrl: urlFor(server.port), dataDir, outbox, log: (l) => lines.push(l) });
      expect(delivery).toMatchObject({ channel: "smtp", messageId: m.messageId, to: "factures@acme-etudes.fr", accepted: ["factures@acme-etudes.fr"] });
      expect(delivery.channel === "smtp" && delivery.server).toBe(`smtp://relance%40atelier-numerique.fr:***@127.0.0.1:${server.port}`);
      expect(server.received).toHaveLength(1);
      expect(server.received[0]!.user).toBe(USER);
      expect(server.received[0]!.parsed.messageId).toBe(m.messageId);
      expect(Buffer.compare(server.received[0]!.raw, m.raw)).toBe(0);
      expect(lines).toEqual([`Relance envoyée par SMTP (smtp://relance%40atelier-numerique.fr:***@127.0.0.1:${server.port}) à factures@acme-etudes.fr, message ${m.messageId}`]);
      expect(JSON.stringify({ delivery, lines })).not.toContain("s3cr");
      expect(outbox.records).toEqual([]);
      expect(await readdir(dataDir)).toEqual([]);
    });

    it("reports a refused login in French with the password masked, and nothing is written or delivered", async () => {
      const wrong = "Wr0ng-P4ss!";
      const outbox = memoryOutbox();
      const m = await message();
      const error = await sendMail(m, { smtpUrl: urlFor(server.port, wrong), dataDir, outbox }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SystemError);
      const e = error as SystemError;
      expect(e.code).toBe("smtp_failed");
      expect(e.message).toMatch(new RegExp(`^envoi SMTP impossible via smtp://relance%40atelier-numerique\\.fr:\\*\\*\\*@127\\.0\\.0\\.1:${server.port} : `));
      expect(e.message).toMatch(/535|Identifiants refusés|login/i);
      expect(server.authAttempts.map((a) => a.password)).toEqual([wrong]);
      const everything = `${e.message}\n${e.stack}\n${inspect(e, { depth: 10, showHidden: true })}\n${JSON.stringify(e)}`;
      for (const secret of [wrong, encodeURIComponent(wrong), Buffer.from(wrong).toString("base64")]) expect(everything).not.toContain(secret);
      expect(server.received).toHaveLength(0);
      expect(outbox.records).toEqual([]);
      expect(await readdir(dataDir)).toEqual([]);
    });

    it("masks the password even when the server repeats it in its answer", async () => {
      const echoing = await startLoopbackSmtpServer({ user: USER, password: PASSWORD }, { echoPasswordOnFailure: true });
      try {
        const wrong = "Echo-Me-42";
        const error = await sendMail(await message(), { smtpUrl: urlFor(echoing.port, wrong), dataDir, outbox: memoryOutbox() }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SystemError);
        expect((error as Error).message).toContain("Mot de passe *** refusé");
        expect(inspect(error, { showHidden: true, depth: 10 })).not.toContain(wrong);
      } finally {
        await echoing.close();
      }
    });

    it("never prints the credentials, whether the send succeeds or fails", async () => {
      const m = await message();
      const output = await captureOutput(async () => {
        await sendMail(m, { smtpUrl: urlFor(server.port), dataDir, outbox: memoryOutbox(), log: console.log });
        await sendMail(m, { smtpUrl: urlFor(server.port, `${PASSWORD}x`), dataDir, outbox: memoryOutbox(), log: console.log });
      });
      expect(output).toContain("Relance envoyée par SMTP");
      expect(output).toContain("envoi SMTP impossible");
      for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(PASSWORD).toString("base64"), Buffer.from(`\u0000${USER}\u0000${PASSWORD}`).toString("base64")]) {
        expect(output).not.toContain(secret);
      }
    });
  });

  describe("by SMTP with STARTTLS and a self-signed certificate", () => {
    let server: LoopbackSmtpServer;
    beforeEach(async () => {
      server = await startLoopbackSmtpServer({ user: USER, password: PASSWORD }, { starttls: true });
    });
    afterEach(async () => {
      await server.close();
    });

    it("refuses the unverified certificate by default, before sending the password", async () => {
      const error = await sendMail(await message(), { smtpUrl: urlFor(server.port), dataDir, outbox: memoryOutbox() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SystemError);
      expect((error as Error).message).toMatch(/certificate/i);
      expect(server.authAttempts).toEqual([]);
      expect(server.received).toHaveLength(0);
    });

    it("delivers over TLS when SMTP_URL accepts the self-signed certificate, and hides the query in what it shows", async () => {
      const delivery = await sendMail(await message(), {
        smtpUrl: `${urlFor(server.port)}?tls.rejectUnauthorized=false`,
        dataDir,
        outbox: memoryOutbox(),
      });
      expect(delivery.channel === "smtp" && delivery.server).toBe(`smtp://relance%40atelier-numerique.fr:***@127.0.0.1:${server.port}`);
      expect(server.received).toHaveLength(1);
      expect(server.received[0]!.secure).toBe(true);
      expect(server.received[0]!.user).toBe(USER);
    });
  });

  it("reports an unreachable SMTP server as a French system error, password masked", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const error = await sendMail(await message(), { smtpUrl: urlFor(port), dataDir, outbox: memoryOutbox() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as Error).message).toContain(`envoi SMTP impossible via smtp://relance%40atelier-numerique.fr:***@127.0.0.1:${port} : `);
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(inspect(error)).not.toContain(encodeURIComponent(PASSWORD));
  });

  it("refuses an SMTP_URL that is not smtp:// or smtps://, without repeating it", async () => {
    const error = await sendMail(await message(), { smtpUrl: `http://u:${encodeURIComponent(PASSWORD)}@127.0.0.1:25`, dataDir, outbox: memoryOutbox() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("SMTP_URL : doit commencer par smtp:// ou smtps://");
  });

  describe("into the outbox (no SMTP_URL)", () => {
    it("writes a parseable .eml into <dataDir>/outbox and records it", async () => {
      const outbox = memoryOutbox();
      const m = await message(12);
      const createdAt = new Date("2026-04-26T09:00:00Z");
      const delivery = await sendMail(m, { smtpUrl: undefined, dataDir, outbox, now: () => createdAt });
      if (delivery.channel !== "outbox") throw new Error("expected the outbox");
      expect(delivery.emlPath).toBe(join(dataDir, "outbox", `${delivery.outboxId}.eml`));
      expect(await readdir(join(dataDir, "outbox"))).toEqual([`${delivery.outboxId}.eml`]);
      expect(outbox.records).toEqual([
        { id: delivery.outboxId, reminderId: 12, messageId: m.messageId, to: "factures@acme-etudes.fr", subject: "Facture n° FA-2026-0042 : rappel de paiement", emlPath: delivery.emlPath, createdAt },
      ]);
      const parsed = await simpleParser(await readFile(delivery.emlPath));
      expect(parsed.messageId).toBe(m.messageId);
      expect(parsed.subject).toBe("Facture n° FA-2026-0042 : rappel de paiement");
      expect(parsed.text).toContain("Sauf erreur ou omission de notre part");
      expect(parsed.html).toContain("Sauf erreur ou omission de notre part");
      expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([["Facture FA-2026-0042.pdf", "application/pdf"]]);
      expect(Buffer.compare(parsed.attachments[0]!.content, fakeInvoicePdf().content)).toBe(0);
    });

    it("treats a blank SMTP_URL as unset", async () => {
      const delivery = await sendMail(await message(), { smtpUrl: "  ", dataDir, outbox: memoryOutbox() });
      expect(delivery.channel).toBe("outbox");
    });

    it("leaves no file behind when the record cannot be stored", async () => {
      const failing: OutboxStore = { add: () => Promise.reject(new SystemError("base indisponible")), list: async () => [] };
      await expect(sendMail(await message(), { dataDir, outbox: failing })).rejects.toThrow("base indisponible");
      expect(await readdir(outboxDir(dataDir))).toEqual([]);
    });

    it("works with the outbox folder itself as the store", async () => {
      const store = emlFolderOutboxStore(outboxDir(dataDir));
      const first = await sendMail(await message(3), { dataDir, outbox: store });
      const second = await sendMail(await composeReminderMessage({ reminder: reminderInput("r3"), invoicePdf: fakeInvoicePdf(), date: new Date("2030-01-01T00:00:00Z") }), { dataDir, outbox: store });
      const listed = await store.list();
      expect(listed.map((r) => [r.id, r.reminderId, r.to, r.subject])).toEqual([
        [first.channel === "outbox" ? first.outboxId : "", 3, "factures@acme-etudes.fr", "Facture n° FA-2026-0042 : rappel de paiement"],
        [second.channel === "outbox" ? second.outboxId : "", undefined, "factures@acme-etudes.fr", "Mise en demeure de payer : facture n° FA-2026-0042"],
      ]);
      expect(listed[1]!.createdAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");
      expect(listed[1]!.messageId).toBe(second.messageId);
    });
  });
});

describe("emlFolderOutboxStore", () => {
  it("lists nothing when the outbox folder does not exist yet", async () => {
    expect(await emlFolderOutboxStore(join(tmpdir(), "facturation-no-such-folder", "outbox")).list()).toEqual([]);
  });

  it("refuses to record a file outside its folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "facturation-outbox-"));
    try {
      const store = emlFolderOutboxStore(dir);
      await expect(
        store.add({ id: "abc", messageId: "<a@b>", to: "a@b.fr", subject: "x", emlPath: "/etc/abc.eml", createdAt: new Date() }),
      ).rejects.toThrow(InputError);
      await expect(
        store.add({ id: "abc", messageId: "<a@b>", to: "a@b.fr", subject: "x", emlPath: join(dir, "abc.eml"), createdAt: new Date() }),
      ).rejects.toThrow(`fichier introuvable dans la boîte d'envoi : ${join(dir, "abc.eml")}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
