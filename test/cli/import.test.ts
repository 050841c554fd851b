import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.js";
import { databaseState } from "../db/import/databaseState.js";
import { sampleImport } from "../db/import/sampleImport.js";
import { cliEnv, runCli, tempDataDir } from "../tools/cliProcess.js";

const cli = (dataDir: string, ...args: string[]) => runCli(["--data-dir", dataDir, ...args], { env: cliEnv() });

async function stateOf(dataDir: string) {
  const opened = await openDatabase({ dataDir, env: {} });
  try {
    return await databaseState(opened.db);
  } finally {
    await opened.close();
  }
}

describe("facturation import", () => {
  let dataDir: string;
  let files: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    files = tempDataDir();
    writeFileSync(join(files, "donnees.json"), JSON.stringify(sampleImport()));
    const result = await cli(dataDir, "import", join(files, "donnees.json"));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Import de donnees.json terminé :");
    expect(result.stdout).toContain("factures : 4 ajoutées");
  }, 120_000);

  it("changes nothing when the same file is imported again, and says so", async () => {
    const before = await stateOf(dataDir);
    const result = await cli(dataDir, "import", join(files, "donnees.json"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Rien de nouveau dans donnees.json : tout est déjà en base.");
    expect(await stateOf(dataDir)).toEqual(before);
  }, 120_000);

  it("refuses a bad record with one French line naming it, exit 2, nothing changed", async () => {
    const file = sampleImport();
    file.clients.push({ ref: "martin", name: "Boulangerie Martin", siren: "4263392", address: { line1: "1 rue", postalCode: "38000", city: "Grenoble" } });
    writeFileSync(join(files, "mauvais.json"), JSON.stringify(file));
    const before = await stateOf(dataDir);
    const result = await cli(dataDir, "import", join(files, "mauvais.json"));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe("clients[2].siren : doit contenir 9 chiffres");
    expect(await stateOf(dataDir)).toEqual(before);
  }, 120_000);

  it("imports CSV time entries for a project, then refuses a bad line naming file, line and column", async () => {
    writeFileSync(join(files, "temps.csv"), "date;action;quantite;description\n2026-02-16;Développement;2;Sprint 4\n17/02/2026;Développement;0,5;Revue\n");
    const ok = await cli(dataDir, "import", join(files, "temps.csv"), "--project", "nexa-regie");
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("événements : 2 ajoutés");

    writeFileSync(join(files, "temps2.csv"), "projet;date;action;quantite\nnexa-regie;2026-02-19;Développement;1\nnexa-regie;2026-02-20;Développement;une\n");
    const before = await stateOf(dataDir);
    const bad = await cli(dataDir, "import", join(files, "temps2.csv"));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("temps2.csv ligne 3, colonne quantite : doit être un nombre positif, ex. 1,5 (reçu « une »)");
    expect(await stateOf(dataDir)).toEqual(before);

    writeFileSync(join(files, "temps3.csv"), "projet;date;action;quantite\nnexa-regie;2026-02-19;Développement;1\ninconnu;2026-02-20;Développement;1\n");
    const unknown = await cli(dataDir, "import", join(files, "temps3.csv"));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe("temps3.csv ligne 3, colonne projet : projet « inconnu » introuvable (ni dans le fichier ni en base)");
    expect(await stateOf(dataDir)).toEqual(before);
  }, 180_000);

  it("refuses --project naming no project, with or without a projet column, exit 2, nothing changed", async () => {
    writeFileSync(join(files, "temps4.csv"), "projet;date;action;quantite\nnexa-regie;2026-02-23;Développement;1\n");
    writeFileSync(join(files, "temps5.csv"), "date;action;quantite\n2026-02-23;Développement;1\n");
    const before = await stateOf(dataDir);
    for (const file of ["temps4.csv", "temps5.csv"]) {
      const result = await cli(dataDir, "import", join(files, file), "--project", "inconnu");
      expect(result.code, file).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim()).toMatch(/^--project : projet « inconnu » introuvable ; indiquez la référence d'un projet existant \(projets connus : .*nexa-regie.*\)$/);
    }
    expect(await stateOf(dataDir)).toEqual(before);
  }, 120_000);

  it("says which file cannot be read, and where a JSON file is broken, in French, exit 2, nothing changed", async () => {
    const before = await stateOf(dataDir);
    const result = await cli(dataDir, "import", join(files, "absent.json"));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`${join(files, "absent.json")} : fichier introuvable : vérifiez son nom et son chemin`);
    writeFileSync(join(files, "tronque.json"), '{\n  "format": "facturation-import/1",\n  "clients": [');
    const cut = await cli(dataDir, "import", join(files, "tronque.json"));
    expect(cut.code).toBe(2);
    expect(cut.stderr.trim()).toBe(
      "tronque.json : JSON invalide ligne 3 : le fichier s'arrête avant la fin du JSON (accolade, crochet ou guillemet non fermé ? fichier tronqué ?) ; corrigez le fichier puis relancez",
    );
    expect(cut.stderr).not.toMatch(/Unexpected|JSON input/);
    expect(await stateOf(dataDir)).toEqual(before);
  }, 60_000);
});

describe("facturation demo", () => {
  it("loads the demo in an empty folder, refuses a second load without --reset, reloads with --reset", async () => {
    const dataDir = tempDataDir();
    const first = await cli(dataDir, "demo", "--today", "2026-11-25");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Démonstration au 25/11/2026 chargée");
    expect(first.stdout).toContain("factures : 43 ajoutées");
    const before = await stateOf(dataDir);

    const again = await cli(dataDir, "demo", "--today", "2026-11-25");
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("la base contient déjà des données");
    expect(await stateOf(dataDir)).toEqual(before);

    const reset = await cli(dataDir, "demo", "--reset", "--today", "2026-11-25");
    expect(reset.stderr).toBe("");
    expect(reset.code).toBe(0);
    const after = await stateOf(dataDir);
    expect(after.counts.invoices).toBe(before.counts.invoices);
    expect(after.counts.audit_log).toBe(before.counts.audit_log);
  }, 300_000);

  it("is generated for FACTURATION_TODAY when --today is not given", async () => {
    const result = await runCli(["--data-dir", tempDataDir(), "demo"], { env: cliEnv({ FACTURATION_TODAY: "2027-01-04" }) });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Démonstration au 04/01/2027 chargée");
  }, 120_000);

  it("refuses a malformed --today", async () => {
    const result = await cli(tempDataDir(), "demo", "--today", "25/11/2026");
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("--today : doit être une date AAAA-MM-JJ");
  }, 60_000);
});
