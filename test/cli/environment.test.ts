import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliEnv, runCli, tempDataDir } from "../tools/cliProcess.js";

/** What the command line says about a bad environment variable: one French line naming it, exit 2, nothing opened. */
describe("facturation with a bad environment variable", () => {
  it("refuses FACTURATION_TODAY that is not a calendar date at start (mcp, chat, pending), naming the variable, creating nothing", async () => {
    for (const command of [["mcp"], ["chat"], ["pending"]]) {
      const dataDir = join(tempDataDir(), "donnees");
      const result = await runCli(["--data-dir", dataDir, ...command], { env: cliEnv({ FACTURATION_TODAY: "2026-13-01", ANTHROPIC_API_KEY: "" }), input: "Y a-t-il des retards de paiement ?\n" });
      expect(result.code, command.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim()).toBe(
        "FACTURATION_TODAY : « 2026-13-01 » n'est pas une date du calendrier au format AAAA-MM-JJ (par exemple 2026-11-25) ; corrigez la variable, ou retirez-la pour travailler à la date du jour",
      );
      expect(result.stderr).not.toMatch(/Cannot parse|MCP error|-32603/);
      expect(existsSync(dataDir)).toBe(false);
    }
  }, 180_000);

  it("refuses a malformed DATABASE_URL naming the variable, never its password, exit 2", async () => {
    for (const url of ["postgres://compta:M0t-de-passe@localhost:port/facturation", "compta:M0t-de-passe@localhost/facturation"]) {
      const result = await runCli(["ledger", "check"], { env: cliEnv({ DATABASE_URL: url }) });
      expect(result.code, url).toBe(2);
      expect(result.stderr.trim()).toMatch(/^DATABASE_URL : (adresse de serveur PostgreSQL mal formée|n'est pas une adresse de serveur PostgreSQL) \(attendu : postgres:\/\/utilisateur:mot-de-passe@hôte:5432\/base, /);
      expect(result.stderr).not.toMatch(/M0t-de-passe|Erreur inattendue|Invalid URL/);
    }
  }, 60_000);
});
