import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../db/connection.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { line, seedBasics } from "../../db/fixtures.js";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";
import { CLI, REPO_ROOT, cliEnv, runCli, tempDataDir, waitFor } from "../cliProcess.js";

/** A data folder holding one draft invoice (1 000,00 € HT). */
async function dataDirWithDraft(): Promise<{ dataDir: string; draftId: number }> {
  const dataDir = tempDataDir();
  const opened = await openDatabase({ dataDir });
  try {
    const { client } = await seedBasics(opened.db);
    const { invoice } = await createDraftInvoice(opened.db, { kind: "invoice", clientId: client.id, issueDate: "2026-03-20", lines: [line("1000.00")], createdBy: "claire" });
    return { dataDir, draftId: invoice.id };
  } finally {
    await opened.close();
  }
}

/** The CLI under a pseudo-terminal (util-linux `script`), as a human at a terminal runs it. */
function underTerminal(args: readonly string[]): ChildProcessWithoutNullStreams {
  const command = [process.execPath, ...CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  return spawn("script", ["-qfec", command, "/dev/null"], { cwd: REPO_ROOT, env: cliEnv({ FACTURATION_ROLE: "finance", FACTURATION_USER: "farid", FACTURATION_TODAY: DEMO_TODAY }) });
}

describe("facturation confirm / pending, while facturation mcp holds the data folder", { timeout: 240_000 }, () => {
  let client: Client | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it("lists the pending action, refuses without a terminal, then issues after o + the retyped code on a terminal", async () => {
    const { dataDir, draftId } = await dataDirWithDraft();
    client = new Client({ name: "sans-elicitation", version: "1.0.0" });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [...CLI, "--data-dir", dataDir, "mcp"], cwd: REPO_ROOT, env: cliEnv({ FACTURATION_TODAY: DEMO_TODAY }), stderr: "pipe" }));
    const proposal = ProposalResultSchema.parse((await client.callTool({ name: "issue_invoice", arguments: { invoiceId: draftId } })).structuredContent);
    expect(proposal.status).toBe("pending");
    const id = proposal.pendingAction.id;

    const pending = await runCli(["--data-dir", dataDir, "pending", "--json"]);
    expect(pending.code).toBe(0);
    expect(JSON.parse(pending.stdout)).toMatchObject([{ id, kind: "issue_invoice", preview: { amountAtStake: "1200.00" } }]);

    const noTty = await runCli(["--data-dir", dataDir, "confirm", id, "--yes"], { input: "o\n" });
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain("terminal : la confirmation exige un terminal interactif");

    const wrongCode = underTerminal(["--data-dir", dataDir, "confirm", id]);
    await waitFor(wrongCode, "stdout", /Confirmer \? \(o\/N\)/);
    wrongCode.stdin.write("o\r");
    await waitFor(wrongCode, "stdout", /recopiez le code [A-Z0-9]{6} :/);
    wrongCode.stdin.write("AAAAAA\r");
    await waitFor(wrongCode, "stdout", /le code recopié ne correspond pas/);

    const terminal = underTerminal(["--data-dir", dataDir, "confirm", id]);
    const [screen] = await waitFor(terminal, "stdout", /[\s\S]*Confirmer \? \(o\/N\)/);
    expect(screen).toContain("Client : Acme Industrie");
    expect(screen).toContain("Total TTC : 1\u202f200,00\u00a0€");
    terminal.stdin.write("o\r");
    const [, code] = await waitFor(terminal, "stdout", /recopiez le code ([A-Z0-9]{6}) :/);
    terminal.stdin.write(`${code}\r`);
    await waitFor(terminal, "stdout", /La facture F-2026-00001 est émise pour Acme Industrie/);

    const after = await runCli(["--data-dir", dataDir, "pending", "--json"]);
    expect(JSON.parse(after.stdout)).toEqual([]);
  });
});
