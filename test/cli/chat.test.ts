import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toDecimal } from "../../engine/money/money.js";
import { cliEnv, runCli, tempDataDir } from "../tools/cliProcess.js";

const TODAY = "2026-11-25";
const env = (extra: Record<string, string> = {}) => cliEnv({ FACTURATION_TODAY: TODAY, ANTHROPIC_API_KEY: "", SMTP_URL: "", ...extra });
const euros = (amount: string) => formatEuros(toDecimal(amount));
const folders: string[] = [];
const freshFolder = () => {
  const dir = tempDataDir();
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("facturation chat (scripted, offline)", () => {
  it("answers « Y a-t-il des retards de paiement ? » on a fresh data folder with the overdue invoices in euros", async () => {
    const result = await runCli(["--data-dir", freshFolder(), "chat"], { env: env(), input: "Y a-t-il des retards de paiement ?\n" });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("[Suivi des paiements]");
    expect(result.stdout).toContain(`5 factures en retard de paiement au 25/11/2026, ${euros("63880.00")} restant dus`);
    for (const number of ["F-2026-0007", "F-2026-0018", "F-2026-0024", "F-2026-0027", "F-2026-0029"]) expect(result.stdout).toContain(number);
    expect(result.stdout).toContain(euros("10800.00"));
    expect(result.stdout).toMatch(/Alertes :/);
  }, 120_000);

  it("runs the three journeys: milestone → draft → confirm → number; aging and alerts; unpaid → reminder → confirm → outbox", async () => {
    const dataDir = freshFolder();
    const script = [
      "Les maquettes du projet Atlas sont validées, il faut facturer les 30 %",
      "oui",
      "Y a-t-il des retards de paiement ?",
      "Montre-moi la balance âgée des créances",
      "Le client Nexa n'a pas payé",
      "oui",
    ].join("\n");
    const result = await runCli(["--data-dir", dataDir, "chat", "--user", "bruno", "--role", "finance"], { env: env(), input: `${script}\n` });
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    // (1) the milestone is recorded, the draft shown, the exact action shown by the runtime, confirmed, numbered
    expect(out).toContain("Enregistré : état « maquettes validées »");
    expect(out).toContain("Action à confirmer");
    expect(out).toContain(`Total TTC : ${euros("8640.00")}`);
    expect(out).toContain("Confirmer ? (o/N) oui");
    expect(out).toMatch(/La facture F-2026-0043 est émise pour Orion Logistique/);
    // (2) overdue invoices, aging table and alerts in euros
    expect(out).toContain(`restant dus`);
    expect(out).toContain("Balance âgée des créances au 25/11/2026");
    expect(out).toMatch(/31 à 60 jours/);
    expect(out).toMatch(/\[critique\] Facture F-2026-0007/);
    // (3) status, then the R1 drafted for F-2026-0027, confirmed, in the outbox
    expect(out).toContain("[Relances par e-mail]");
    expect(out).toContain("Relance préparée : relance R1 (cordiale) pour la facture F-2026-0027");
    expect(out).toMatch(/déposée dans la boîte d'envoi/);

    const outbox = await runCli(["--data-dir", dataDir, "outbox"], { env: env() });
    expect(outbox.code, outbox.stderr).toBe(0);
    expect(outbox.stdout).toContain("fournisseurs@nexa-conseil.example");
    expect(outbox.stdout).toContain("F-2026-0027");
  }, 180_000);

  it("issues nothing when the scripted answer is « non »", async () => {
    const dataDir = freshFolder();
    const result = await runCli(["--data-dir", dataDir, "chat"], {
      env: env(),
      input: "La mise en production de l'appli Kiwi a eu lieu hier, on peut émettre la dernière facture ?\nnon\nQuels brouillons ? La facture F-2026-0043 a-t-elle été payée ?\n",
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Confirmer ? (o/N) non");
    expect(result.stdout).toContain("Action refusée : rien n'a été fait.");
    expect(result.stdout).not.toMatch(/est émise/);
    expect(result.stdout).toMatch(/Je ne trouve pas la facture F-2026-0043/);
  }, 120_000);
});

describe("facturation ask", () => {
  it("answers one request as JSON, name lookups apart from the tool calls, leaving the proposed action pending for facturation confirm", async () => {
    const dataDir = freshFolder();
    const result = await runCli(["--data-dir", dataDir, "ask", "--json", "Relance Boulangerie Martin pour la facture F-2026-0018"], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      agents: string[];
      toolCalls: { name: string }[];
      lookups: { agent: string; name: string; input: { query?: string } }[];
      pendingActions: { kind: string; confirmCommand: string }[];
      answer: string;
    };
    expect(report.agents).toEqual(["email-relance"]);
    expect(report.toolCalls.map((c) => c.name)).toEqual(["draft_reminder", "send_reminder"]);
    expect(report.lookups.length).toBeGreaterThan(0);
    expect(report.lookups.filter((c) => c.name !== "find_client" && c.name !== "find_project")).toEqual([]);
    expect(report.lookups.map((c) => c.input.query)).toContain("boulangerie");
    expect(report.pendingActions).toHaveLength(1);
    expect(report.pendingActions[0]?.kind).toBe("send_reminder");
    expect(report.pendingActions[0]?.confirmCommand).toMatch(/^facturation confirm [0-9a-f-]{36}$/);
    expect(report.answer).toContain("relance R2 (ferme)");

    const id = report.pendingActions[0]?.confirmCommand.split(" ").at(-1) ?? "";
    const pending = await runCli(["--data-dir", dataDir, "pending"], { env: env() });
    expect(pending.stdout).toContain(id);
    expect(pending.stdout).toContain("Envoi de la relance R2 (ferme) pour la facture F-2026-0018");
  }, 120_000);
});
