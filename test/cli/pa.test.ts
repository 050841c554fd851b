import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBackends } from "../db/backends.js";
import { cliEnv, runCli, tempDataDir } from "../tools/cliProcess.js";
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

  it("says clearly that nothing is transmitted without a platform, exit code 2", async () => {
    const bare = { ...env };
    delete bare.FACTURATION_PA_URL;
    delete bare.FACTURATION_PA_TOKEN;
    const result = await runCli(["--data-dir", dataDir, "pa", "send", "--all"], { env: bare });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("aucune Plateforme Agréée configurée");
  }, 120_000);
});
