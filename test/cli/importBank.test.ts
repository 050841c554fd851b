import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asc } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.js";
import { auditLog, bankLines } from "../../db/schema/index.js";
import { cliEnv, runCli, tempDataDir } from "../tools/cliProcess.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/bank/releve-novembre.csv", import.meta.url));
const CAMT = fileURLToPath(new URL("../fixtures/bank/releve-novembre.camt053.xml", import.meta.url));
const cli = (dataDir: string, ...args: string[]) => runCli(["--data-dir", dataDir, ...args], { env: cliEnv({ FACTURATION_USER: "farid" }) });

async function stateOf(dataDir: string) {
  const opened = await openDatabase({ dataDir, env: {} });
  try {
    const lines = await opened.db.select().from(bankLines).orderBy(asc(bankLines.id));
    const audit = await opened.db.select().from(auditLog);
    return { lines: lines.map((l) => [l.account, l.bookingDate, l.amount, l.label, l.importedBy]), audit: audit.length };
  } finally {
    await opened.close();
  }
}

describe("facturation import-bank", () => {
  let dataDir: string;
  let files: string;
  beforeAll(() => {
    dataDir = tempDataDir();
    files = tempDataDir();
  });

  it("refuses a bad statement with one French line naming the line and column, exit 2, nothing stored", async () => {
    writeFileSync(join(files, "mauvais.csv"), "Date;Libellé;Débit;Crédit\n03/11/2026;VIR ACME;;1 200,00\n04/11/2026;VIR BETA;;12,3,4\n");
    const result = await cli(dataDir, "import-bank", join(files, "mauvais.csv"));
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe("mauvais.csv ligne 3, colonne Crédit : montant invalide « 12,3,4 » (ex. 1 234,56)");
    expect(result.code).toBe(2);
    expect((await stateOf(dataDir)).lines).toEqual([]);
    const missing = await cli(dataDir, "import-bank", join(files, "absent.csv"));
    expect(missing.stderr.trim()).toBe(`${join(files, "absent.csv")} : fichier introuvable : vérifiez son nom et son chemin`);
    expect(missing.stderr).not.toContain("ENOENT");
    expect(missing.code).toBe(2);
    expect((await stateOf(dataDir)).lines).toEqual([]);
    const format = await cli(dataDir, "import-bank", FIXTURE, "--format", "qif");
    expect(format.stderr.trim()).toBe("--format : format inconnu « qif » (csv ou camt053)");
    expect(format.code).toBe(2);
  }, 120_000);

  it("imports the November statement, then changes nothing when it is imported again", async () => {
    copyFileSync(FIXTURE, join(files, "releve-novembre.csv"));
    const first = await cli(dataDir, "import-bank", join(files, "releve-novembre.csv"));
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      "Relevé releve-novembre.csv (compte principal) : 8 opérations du 31/10/2026 au 28/11/2026.\n" +
        "8 lignes importées.\n" +
        "Pour rapprocher les encaissements des factures : « Rapproche le relevé bancaire de novembre » (outil match_bank_statement, month 2026-11).\n",
    );
    const state = await stateOf(dataDir);
    expect(state.lines).toHaveLength(8);
    expect(state.lines[1]).toEqual(["principal", "2026-11-03", "1200.00", "VIR SEPA ACME INDUSTRIE FACT F-2026-00001", "farid"]);

    const again = await cli(dataDir, "import-bank", join(files, "releve-novembre.csv"), "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ account: "principal", read: 8, inserted: 0, alreadyImported: 8 });
    expect(await stateOf(dataDir)).toEqual(state);
  }, 120_000);

  it("imports a CAMT.053 statement on its IBAN", async () => {
    const result = await cli(dataDir, "import-bank", CAMT);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("Relevé releve-novembre.camt053.xml (compte FR7630006000011234567890189) : 2 opérations du 03/11/2026 au 05/11/2026.");
    expect((await stateOf(dataDir)).lines.filter((l) => l[0] === "FR7630006000011234567890189")).toHaveLength(2);
  }, 120_000);

  it("imports the demo company's statement of the month with --demo, once", async () => {
    const demoDir = tempDataDir();
    expect((await cli(demoDir, "demo", "--today", "2026-12-01")).code).toBe(0);
    const result = await cli(demoDir, "import-bank", "--demo", "--today", "2026-12-01");
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      "Relevé releve-novembre-2026.csv (compte principal) : 6 opérations du 05/11/2026 au 30/11/2026.\n" +
        "6 lignes importées.\n" +
        "Pour rapprocher les encaissements des factures : « Rapproche le relevé bancaire de novembre » (outil match_bank_statement, month 2026-11).\n",
    );
    const again = await cli(demoDir, "import-bank", "--demo", "--today", "2026-12-01");
    expect(again.stdout.split("\n")[1]).toBe("Déjà importé : rien n'a changé.");
    const both = await cli(demoDir, "import-bank", FIXTURE, "--demo");
    expect(both.stderr.trim()).toBe("fichier : indiquez un fichier de relevé, ou --demo");
    expect(both.code).toBe(2);
  }, 180_000);
});
