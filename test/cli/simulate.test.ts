import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { comparable, expectsError, loadScenarioFixtures } from "../fixtures/scenarios/scenarioFixtures.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

/** Runs the compiled CLI (built by test/buildCli.ts), returning stdout, stderr and the exit code. */
async function facturation(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run("node", ["dist/cli/facturation.js", ...args], { cwd: root, env: { ...process.env, FACTURATION_DEBUG: "" } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

// Every dev file goes through the CLI; the rule files go through the engine API (test/engine/scenario)
// and, for the refusals, through the CLI too — each spawn costs a Node start-up.
const devFixtures = loadScenarioFixtures("dev");
const fixtures = [...devFixtures, ...loadScenarioFixtures("rules").filter(expectsError)];
const SPAWN_TIMEOUT = 120_000;
const scratch = mkdtempSync(join(tmpdir(), "facturation-simulate-"));
const writeScratch = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

function expectRefusal(result: { stdout: string; stderr: string; code: number }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe("facturation simulate --json", () => {
  it.concurrent.each(fixtures.filter((f) => !expectsError(f)).map((f) => [`${f.set}/${f.file}`, f] as const))("prints the expected output of %s and exits 0", { timeout: SPAWN_TIMEOUT }, async (_, fixture) => {
    const result = await facturation("simulate", fixture.path, "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(comparable(JSON.parse(result.stdout))).toEqual(comparable(fixture.expect));
  });

  it.concurrent.each(fixtures.filter(expectsError).map((f) => [`${f.set}/${f.file}`, f] as const))("refuses %s: exit 2, nothing on stdout, one French line naming the field", { timeout: SPAWN_TIMEOUT }, async (_, fixture) => {
    expectRefusal(await facturation("simulate", fixture.path, "--json"), /^(schedule|events|pricing)[\w[\].]* : /);
  });

  it("names the field of a percent out of bounds exactly", { timeout: SPAWN_TIMEOUT }, async () => {
    const json = { format: "facturation-scenario/1", pricing: { type: "flat", amount: "100" }, schedule: [{ bill: { percent: "10" }, trigger: { on: "signature" } }, { bill: { percent: "101" }, trigger: { on: "start" } }], events: [] };
    const result = await facturation("simulate", writeScratch("percent.json", JSON.stringify(json)), "--json");
    expectRefusal(result, /^schedule\[1\]\.bill\.percent : doit être compris entre 0 et 100\n$/);
  });

  it("refuses malformed JSON, a missing file and a wrong format in French, without a stack trace", { timeout: SPAWN_TIMEOUT }, async () => {
    const bad = writeScratch("bad.json", "{\n  \"format\": ");
    expectRefusal(await facturation("simulate", bad, "--json"), /bad\.json : JSON invalide ligne 2 : le fichier s'arrête avant la fin du JSON \(accolade, crochet ou guillemet non fermé \? fichier tronqué \?\) ; corrigez le fichier puis relancez\n$/);
    const comma = writeScratch("comma.json", "{\n  \"format\": \"facturation-scenario/1\",\n}");
    expectRefusal(await facturation("simulate", comma, "--json"), /comma\.json : JSON invalide ligne 3, colonne 1 : nom de champ entre guillemets doubles attendu \(virgule en trop \? guillemets simples \?\)/);
    expectRefusal(await facturation("simulate", join(scratch, "absent.json"), "--json"), /absent\.json : fichier introuvable : vérifiez son nom et son chemin\n$/);
    expectRefusal(await facturation("simulate", scratch, "--json"), /: est un dossier, pas un fichier : indiquez le fichier lui-même\n$/);
    expectRefusal(await facturation("simulate", writeScratch("other.json", JSON.stringify({ format: "autre/1" })), "--json"), /^format : doit valoir « facturation-scenario\/1 »/);
  });

  it("refuses a replay that would end past the calendar (until 9999-12-31, or a last event in 9999) in French, exit 2", { timeout: SPAWN_TIMEOUT }, async () => {
    const base = { format: "facturation-scenario/1", pricing: { type: "rate", rate: "70.00", unit: "hour" }, schedule: [{ bill: { realized: "summary" }, trigger: { on: "end_of_month" } }] };
    const until = { ...base, events: [{ date: "2026-01-05", type: "action", name: "Développement", quantity: "2" }], until: "9999-12-31" };
    expectRefusal(
      await facturation("simulate", writeScratch("until.json", JSON.stringify(until))),
      /^until : au plus le 31\/12\/2199 : un échéancier ne se rejoue pas au-delà ; indiquez une date de fin réaliste, ou omettez until pour s'arrêter au dernier événement\n$/,
    );
    const late = { ...base, events: [{ date: "2026-01-05", type: "action", name: "Développement" }, { date: "9999-12-31", type: "action", name: "Développement" }] };
    expectRefusal(await facturation("simulate", writeScratch("late.json", JSON.stringify(late)), "--json"), /^events\[1\]\.date : au plus le 31\/12\/2199/);
  });
});

describe("facturation simulate (table)", () => {
  it("prints the invoices as a French table: dates, nature, lines, HT, TVA, TTC, échéance", { timeout: SPAWN_TIMEOUT }, async () => {
    const fixture = fixtures.find((f) => f.file.startsWith("02-acompte-demarrage"));
    const result = await facturation("simulate", fixture?.path ?? "");
    expect(result.code).toBe(0);
    for (const text of ["Date", "Nature", "HT", "TVA", "TTC", "Échéance", "Acompte", "Facture", "05/01/2026", "04/02/2026", "375,00\u00a0€", "1\u202f350,00\u00a0€", "-375,00\u00a0€", "Dossier clôturé le 20/03/2026"]) {
      expect(result.stdout).toContain(text);
    }
  });

  it("shows a credit note as « Avoir » with negative amounts", { timeout: SPAWN_TIMEOUT }, async () => {
    const fixture = fixtures.find((f) => f.file.startsWith("08-avancement-par-lot"));
    const result = await facturation("simulate", fixture?.path ?? "");
    expect(result.stdout).toMatch(/Avoir .*-6\u202f000,00\u00a0€.*-1\u202f200,00\u00a0€.*-7\u202f200,00\u00a0€/);
  });
});
