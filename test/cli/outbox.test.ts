import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { composeReminderMessage } from "../../tools/mail/composeReminderMessage.js";
import { emlFolderOutboxStore } from "../../tools/mail/emlFolderOutboxStore.js";
import { outboxDir, sendMail } from "../../tools/mail/sendMail.js";
import { fakeInvoicePdf, reminderInput } from "../tools/mail/reminderFixtures.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");

async function facturation(args: readonly string[], env: Record<string, string> = {}) {
  const { FACTURATION_DATA_DIR: _ignored, SMTP_URL: _ignored2, ...base } = process.env;
  return run(process.execPath, ["dist/cli/facturation.js", ...args], { cwd: ROOT, env: { ...base, ...env } });
}

describe("facturation outbox", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "facturation-cli-outbox-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function queue(level: "r1" | "r3", date: string) {
    const message = await composeReminderMessage({ reminder: reminderInput(level), invoicePdf: fakeInvoicePdf(), date: new Date(date) });
    return sendMail(message, { dataDir, outbox: emlFolderOutboxStore(outboxDir(dataDir)) });
  }

  it("says the outbox is empty when nothing was queued", async () => {
    const { stdout } = await facturation(["--data-dir", dataDir, "outbox"]);
    expect(stdout).toBe(`La boîte d'envoi est vide (${join(dataDir, "outbox")}).\n`);
  });

  it("lists the queued e-mails oldest first as a French table: date, destinataire, objet, fichier", async () => {
    const second = await queue("r3", "2026-05-19T08:30:00Z");
    const first = await queue("r1", "2026-04-26T07:05:00Z");
    const { stdout } = await facturation(["--data-dir", dataDir, "outbox"]);
    expect(stdout).toContain(`Boîte d'envoi (${join(dataDir, "outbox")}) : 2 e-mails`);
    for (const title of ["Date", "Destinataire", "Objet", "Fichier"]) expect(stdout).toContain(title);
    const lines = stdout.split("\n");
    const r1 = lines.findIndex((l) => l.includes("Facture n° FA-2026-0042 : rappel de paiement"));
    const r3 = lines.findIndex((l) => l.includes("Mise en demeure de payer : facture n° FA-2026-0042"));
    expect(r1).toBeGreaterThan(0);
    expect(r3).toBeGreaterThan(r1);
    expect(lines[r1]).toContain("26/04/2026 09:05");
    expect(lines[r1]).toContain("factures@acme-etudes.fr");
    expect(lines[r3]).toContain("19/05/2026 10:30");
    expect(stdout.replace(/[│\s]/g, "")).toContain(first.channel === "outbox" ? first.emlPath.replace(/\s/g, "") : "?");
    expect(stdout.replace(/[│\s]/g, "")).toContain(second.channel === "outbox" ? second.emlPath.replace(/\s/g, "") : "?");
  });

  it("prints JSON with --json and reads FACTURATION_DATA_DIR when --data-dir is absent", async () => {
    const queued = await queue("r1", "2026-04-26T07:05:00Z");
    const { stdout } = await facturation(["outbox", "--json"], { FACTURATION_DATA_DIR: dataDir });
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        id: queued.channel === "outbox" ? queued.outboxId : "",
        messageId: queued.messageId,
        to: "factures@acme-etudes.fr",
        subject: "Facture n° FA-2026-0042 : rappel de paiement",
        emlPath: queued.channel === "outbox" ? queued.emlPath : "",
        createdAt: "2026-04-26T07:05:00.000Z",
      },
    ]);
  });
});
