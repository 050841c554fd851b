import { spawn } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCdarXml } from "../../engine/einvoice/lifecycle/readCdarXml.js";
import { testBackends } from "../db/backends.js";
import { cdarXsdErrors, writeCdarOutput } from "../engine/einvoice/lifecycle/cdarTestKit.js";
import { CLI, REPO_ROOT, cliEnv, runCli, tempDataDir } from "../tools/cliProcess.js";
import { type FakePlatform, startFakePlatform } from "../tools/einvoicing/fakePlatform.js";

/** The demo as generated on a pinned day, so the suite passes on any day. */
const DEMO_DAY = "2026-11-25";

describe.each(testBackends())("facturation pa — $name", (backend) => {
  let pa: FakePlatform;
  let dataDir: string;
  let env: Record<string, string>;
  let closeDb: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    pa = await startFakePlatform();
    dataDir = tempDataDir();
    const base = cliEnv({ FACTURATION_PA_URL: pa.url, FACTURATION_PA_TOKEN: pa.token, FACTURATION_PA_DIRECTORY_URL: pa.directoryUrl, FACTURATION_TODAY: DEMO_DAY });
    if (backend.name === "postgres") {
      const opened = await backend.fresh();
      closeDb = () => opened.close();
      env = { ...base, DATABASE_URL: opened.url ?? "" };
    } else env = base;
  });
  afterEach(async () => {
    expect(pa.invalidRequests).toEqual([]);
    await pa.close();
    await closeDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(["--data-dir", dataDir, ...args], { env });

  it("demo then pa send --all deposits every issued document once and every 212 of the collected payments; pa sync brings statuses back; export cdar writes valid 212s", async () => {
    expect((await cli("demo", "--today", DEMO_DAY)).code).toBe(0);
    const sent = await cli("pa", "send", "--all");
    expect(sent.stderr).toBe("");
    expect(sent.code).toBe(0);
    expect(sent.stdout).not.toContain(pa.token);
    const invoiceFlows = pa.flows.filter((f) => f.flowSyntax === "Factur-X");
    const statusFlows = pa.flows.filter((f) => f.flowSyntax === "CDAR");
    expect(invoiceFlows.length).toBeGreaterThan(20);
    expect(new Set(invoiceFlows.map((f) => f.trackingId)).size).toBe(invoiceFlows.length);
    expect(statusFlows.length).toBeGreaterThan(5);
    expect(sent.stdout).toContain(`${invoiceFlows.length + statusFlows.length} déposé(s), 0 déjà déposé(s), 0 en échec, 0 refusé(s)`);
    // Every document the demo issued, once: the export lists the same numbers.
    const exported = await cli("export", "facturx", "--all", "--out", join(dataDir, "fx"));
    const numbers = [...exported.stdout.matchAll(/^(\S+) \(/gm)].map((m) => m[1]).sort();
    expect(invoiceFlows.map((f) => f.trackingId).sort()).toEqual(numbers);

    // Nothing twice.
    const again = await cli("pa", "send", "--all");
    expect(again.stdout).toContain("Rien à déposer");
    expect(pa.deposits).toHaveLength(invoiceFlows.length + statusFlows.length);

    // Statuses back: the platform's acknowledgement and the buyer's refusal, with its effect.
    const refusedNumber = invoiceFlows[3]?.trackingId ?? "";
    pa.acknowledge(invoiceFlows[0]?.trackingId ?? "", "Ok");
    pa.pushStatus(refusedNumber, "210", { reason: "Prestation non conforme au devis" });
    const synced = await cli("pa", "sync");
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain(`${invoiceFlows[0]?.trackingId} : 200 Déposée`);
    expect(synced.stdout).toContain(`${refusedNumber} : 210 Refusée le `);
    expect(synced.stdout).toContain("motif : Prestation non conforme au devis");
    expect(synced.stdout).toMatch(new RegExp(`${refusedNumber} : avoir total proposé, à confirmer avec « facturation confirm [0-9a-f-]{36} »`));
    const pending = await cli("pending");
    expect(pending.stdout).toContain(`avoir total sur la facture ${refusedNumber}`);
    expect((await cli("pa", "sync")).stdout).toContain("0 statut(s) nouveau(x)");

    // The 212 messages, one XML file each, valid against the CDAR D22B schema, equal to what was deposited.
    const out = join(dataDir, "cdar");
    const exportCdar = await cli("export", "cdar", "--out", out);
    expect(exportCdar.code).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(statusFlows.length);
    for (const file of files) {
      const xml = readFileSync(join(out, file), "utf8");
      expect(await cdarXsdErrors(xml)).toEqual([]);
      writeCdarOutput(`demo-${backend.name}-${file}`, xml);
      const message = readCdarXml(xml);
      expect(message.status).toBe("212");
      expect(statusFlows.some((f) => f.file.toString("utf8") === xml)).toBe(true);
    }
  }, 400_000);

  it("a process killed after the platform received the invoice but before recording it deposits it exactly once after restart", async () => {
    expect((await cli("demo", "--today", DEMO_DAY)).code).toBe(0);
    pa.swallowNextDeposit();
    const child = spawn(process.execPath, [...CLI, "--data-dir", dataDir, "pa", "send", "--all"], { cwd: REPO_ROOT, env });
    const deadline = Date.now() + 60_000;
    while (pa.deposits.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pa.deposits).toEqual([expect.objectContaining({ answered: 0 })]);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("close", r));
    const first = pa.deposits[0]?.trackingId ?? "";

    const restarted = await cli("pa", "send", "--all");
    expect(restarted.code).toBe(0);
    expect(restarted.stdout).toContain(`${first} : déjà déposé (rien de renvoyé)`);
    expect(pa.flows.filter((f) => f.trackingId === first)).toHaveLength(1);
    const byTracking = new Map<string, number>();
    for (const f of pa.flows) byTracking.set(f.trackingId ?? "", (byTracking.get(f.trackingId ?? "") ?? 0) + 1);
    expect([...byTracking.values()].every((n) => n === 1)).toBe(true);
  }, 300_000);

  it("says clearly that nothing is transmitted without a platform, exit code 2", async () => {
    const bare = { ...env };
    delete bare.FACTURATION_PA_URL;
    delete bare.FACTURATION_PA_TOKEN;
    const result = await runCli(["--data-dir", dataDir, "pa", "send", "--all"], { env: bare });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("aucune Plateforme Agréée configurée");
  }, 120_000);
});
