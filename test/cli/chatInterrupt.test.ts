import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.js";
import { invoices, pendingActions } from "../../db/schema/index.js";
import { DEMO_TODAY } from "../db/demo/demoDay.js";
import { CLI, REPO_ROOT, cliEnv, tempDataDir, waitFor } from "../tools/cliProcess.js";

const REQUEST = "Les maquettes du projet Atlas sont validées, il faut facturer les 30 %";
const env = () => cliEnv({ FACTURATION_TODAY: DEMO_TODAY, ANTHROPIC_API_KEY: "", SMTP_URL: "", FACTURATION_USER: "bruno", FACTURATION_ROLE: "finance" });
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The numbers issued (the demo's 43 on its day) and what became of the proposals. */
async function stateOf(dataDir: string) {
  const opened = await openDatabase({ dataDir, env: {} });
  try {
    const numbered = (await opened.db.select({ number: invoices.number }).from(invoices)).filter((i) => i.number !== null);
    const proposals = (await opened.db.select({ status: pendingActions.status }).from(pendingActions)).map((p) => p.status);
    return { issued: numbered.length, proposals };
  } finally {
    await opened.close();
  }
}

const exited = (child: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));

/**
 * Ctrl-C at « Confirmer ? (o/N) »: the action is declined and the chat answers again; a second Ctrl-C leaves.
 * On a pipe the process gets SIGINT; on a terminal (a real pseudo-terminal, through util-linux `script`) readline gets ^C.
 */
describe("facturation chat interrupted with Ctrl-C", { timeout: 240_000 }, () => {
  it("on a pipe (SIGINT): declines the action shown, records nothing, answers the next request, then leaves on a second SIGINT", async () => {
    const dataDir = tempDataDir();
    folders.push(dataDir);
    const child = spawn(process.execPath, [...CLI, "--data-dir", dataDir, "chat"], { cwd: REPO_ROOT, env: env() });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const code = exited(child);
    child.stdin.write(`${REQUEST}\n`);
    await waitFor(child, "stdout", /Action à confirmer/, 180_000);
    child.kill("SIGINT");
    await waitFor(child, "stdout", /Action refusée : rien n'a été fait\./);
    child.stdin.write("Y a-t-il des retards de paiement ?\n");
    await waitFor(child, "stdout", /factures en retard de paiement au 25\/11\/2026/);
    child.kill("SIGINT");
    expect(await code).toBe(0);
    expect(out).toContain("Confirmer ? (o/N) ^C");
    expect(out).toMatch(/Au revoir\.\n$/);
    expect(out).not.toMatch(/est émise/);
    expect(await stateOf(dataDir)).toEqual({ issued: 43, proposals: ["declined"] });
  });

  it.runIf(existsSync("/usr/bin/script"))("on a terminal (^C typed): declines, the prompt comes back, a second ^C leaves", async () => {
    const dataDir = tempDataDir();
    folders.push(dataDir);
    const command = [process.execPath, ...CLI, "--data-dir", dataDir, "chat"].map((a) => `'${a}'`).join(" ");
    const child = spawn("/usr/bin/script", ["-qfec", command, "/dev/null"], { cwd: REPO_ROOT, env: { ...env(), TERM: "dumb", COLUMNS: "120", LINES: "40" } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const code = exited(child);
    await waitFor(child, "stdout", /Vous › /, 180_000);
    child.stdin.write(`${REQUEST}\r`);
    await waitFor(child, "stdout", /Confirmer \? \(o\/N\) /, 180_000);
    child.stdin.write("\x03");
    await waitFor(child, "stdout", /Action refusée : rien n'a été fait\.[\s\S]*Vous › /);
    child.stdin.write("\x03");
    expect(await code).toBe(0);
    expect(out).toContain("Au revoir.");
    expect(out).not.toMatch(/est émise/);
    expect(await stateOf(dataDir)).toEqual({ issued: 43, proposals: ["declined"] });
  });
});
