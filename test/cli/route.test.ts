import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function facturation(args: readonly string[], input?: string) {
  const env = { ...process.env };
  delete env.ANTHROPIC_API_KEY;
  const result = spawnSync(process.execPath, ["dist/cli/facturation.js", ...args], { cwd: ROOT, input, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("facturation route", () => {
  it("prints the routing decision of one request as JSON", () => {
    const { status, stdout } = facturation(["route", "Le client n'a pas payé"]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ agents: ["suivi-paiements", "email-relance"] });
  });

  it("prints an empty list for an out-of-scope request", () => {
    const { status, stdout } = facturation(["route", "Quel temps fera-t-il demain à Lyon ?"]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ agents: [] });
  });

  it("reads one request per line with --jsonl and answers in the same order", () => {
    const input = ['{"text": "Relance Acme"}', "", '{"text": "Quel est notre DSO ?"}', '{"text": "Raconte une blague"}'].join("\n") + "\n";
    const { status, stdout } = facturation(["route", "--jsonl"], input);
    expect(status).toBe(0);
    expect(stdout.trim().split("\n").map((line) => JSON.parse(line))).toEqual([{ agents: ["email-relance"] }, { agents: ["suivi-paiements"] }, { agents: [] }]);
  });

  it("names the bad line in French, exits 2 and prints no decision", () => {
    const { status, stdout, stderr } = facturation(["route", "--jsonl"], '{"text": "Relance Acme"}\n{pas du json\n');
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("ligne 2");
    expect(stderr).toContain("JSON invalide");
  });

  it("refuses a line without a text field, naming it", () => {
    const { status, stderr } = facturation(["route", "--jsonl"], '{"texte": "Relance Acme"}\n');
    expect(status).toBe(2);
    expect(stderr).toContain("ligne 1");
  });

  it("asks for a request when given none", () => {
    const { status, stderr } = facturation(["route"]);
    expect(status).toBe(2);
    expect(stderr).toContain("indiquez la demande");
  });
});
