/**
 * The pending-action page confirms and refuses exactly as `facturation confirm` does: the same cases,
 * run through both paths against one running `facturation serve` — the terminal (the CLI under a
 * pseudo-terminal, reaching the server's desk through its control socket) and the web page (sign-in,
 * the page's form with its code). Actions are proposed over MCP by a client without form elicitation.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { GetInvoiceOutputSchema } from "../../../tools/payments/getInvoice.js";
import { CLI, REPO_ROOT, cliEnv, runCli, waitFor } from "../cliProcess.js";
import { FINANCE_TOKEN, MANAGER_TOKEN, startServedWorkspace, type ServedWorkspace } from "./servedWorkspace.js";
import { decodeEntities, inputValue, signedIn, textOf } from "./webClient.js";

type Person = "farid" | "claire";
const ROLES: Record<Person, string> = { farid: "finance", claire: "project_manager" };
const TOKENS: Record<Person, string> = { farid: FINANCE_TOKEN, claire: MANAGER_TOKEN };

interface Answer {
  readonly executed: boolean;
  /** What the person reads: the outcome, or the refusal. */
  readonly message: string;
}

interface ConfirmationPath {
  readonly name: string;
  confirm(id: string, who: Person): Promise<Answer>;
  refuse(id: string, who: Person): Promise<void>;
}

/** `facturation confirm <id>` under a pseudo-terminal (util-linux `script`), as a person types at it. */
function terminalPath(served: () => ServedWorkspace): ConfirmationPath {
  const run = (id: string, who: Person) => {
    const command = [process.execPath, ...CLI, "--data-dir", served().dataDir, "confirm", id, "--user", who, "--role", ROLES[who]].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: REPO_ROOT, env: cliEnv() });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    return { child, exit, out: () => out };
  };
  return {
    name: "terminal",
    async confirm(id, who) {
      const t = run(id, who);
      // An action that is no longer pending is shown, then refused before any question.
      const asked = await Promise.race([waitFor(t.child, "stdout", /Confirmer \? \(o\/N\)/).then(() => true, () => false), t.exit.then(() => false)]);
      if (!asked) return { executed: false, message: t.out() };
      t.child.stdin.write("o\r");
      const [, code] = await waitFor(t.child, "stdout", /recopiez le code ([A-Z0-9]{6}) :/);
      t.child.stdin.write(`${code}\r`);
      await t.exit;
      const tail = t.out().slice(t.out().lastIndexOf(code!) + code!.length).trim();
      return { executed: /est émise/.test(tail), message: tail };
    },
    async refuse(id, who) {
      const t = run(id, who);
      await waitFor(t.child, "stdout", /Confirmer \? \(o\/N\)/);
      t.child.stdin.write("n\r");
      await waitFor(t.child, "stdout", /Action refusée : rien n'a été fait/);
      await t.exit;
    },
  };
}

/** The pending-action page of the workspace, signed in with the person's token. */
function webPath(served: () => ServedWorkspace): ConfirmationPath {
  return {
    name: "page web",
    async confirm(id, who) {
      const browser = await signedIn(served().origin, TOKENS[who]);
      const page = await browser.get(`/actions/${id}`);
      expect(page.status).toBe(200);
      const code = textOf(page.body, "data-code");
      const res = await browser.post(`/actions/${id}/confirmer`, { jeton_formulaire: inputValue(page.body, "jeton_formulaire"), empreinte: inputValue(page.body, "empreinte"), code });
      if (res.status !== 303) return { executed: false, message: decodeEntities(res.body.match(/role="alert">([^<]*)/)?.[1] ?? res.body) };
      const after = await browser.get(res.location!);
      return { executed: true, message: textOf(after.body, "data-notice") };
    },
    async refuse(id, who) {
      const browser = await signedIn(served().origin, TOKENS[who]);
      const page = await browser.get(`/actions/${id}`);
      const res = await browser.post(`/actions/${id}/refuser`, { jeton_formulaire: inputValue(page.body, "jeton_formulaire") });
      expect(res.status).toBe(303);
    },
  };
}

describe("confirming and refusing a pending action, at the terminal and on the web page", { timeout: 600_000 }, () => {
  let served: ServedWorkspace;
  let claire: Client;
  let farid: Client;
  const drafts: number[] = [];
  const large: number[] = [];
  beforeAll(async () => {
    served = await startServedWorkspace({ seed: "basics", drafts: 6, largeDrafts: 2 });
    drafts.push(...served.drafts);
    large.push(...served.largeDrafts);
    claire = await served.mcp(MANAGER_TOKEN);
    farid = await served.mcp(FINANCE_TOKEN);
  }, 240_000);
  afterAll(async () => served?.stop());

  const propose = async (draftId: number) => {
    const proposal = await served.call(claire, "issue_invoice", { invoiceId: draftId }, ProposalResultSchema);
    expect(proposal.status).toBe("pending");
    expect(proposal.pendingReason).toBe("no_elicitation");
    // A client without form elicitation gets the page's link beside the terminal command.
    expect(proposal.confirmUrl).toBe(`${served.origin}/actions/${proposal.pendingAction.id}`);
    return proposal.pendingAction.id;
  };
  const invoice = (id: number) => served.call(farid, "get_invoice", { invoice: String(id) }, GetInvoiceOutputSchema);
  const pendingIds = async () => (JSON.parse((await runCli(["--data-dir", served.dataDir, "pending", "--json"])).stdout) as { id: string }[]).map((a) => a.id);

  for (const make of [terminalPath, webPath]) {
    const path = make(() => served);
    describe(path.name, () => {
      it("confirms an action proposed over MCP: the draft is issued, numbered, and the action is gone", async () => {
        const draft = drafts.shift()!;
        const id = await propose(draft);
        const answer = await path.confirm(id, "farid");
        expect(answer.executed).toBe(true);
        const issued = await invoice(draft);
        expect(issued.number).toMatch(/^F-2026-\d+$/);
        expect(answer.message).toContain(`La facture ${issued.number} est émise pour Acme Industrie : 1\u202f200,00\u00a0€ TTC`);
        expect(issued.status).toBe("issued");
        expect(await pendingIds()).not.toContain(id);
      });

      it("refuses one: nothing is issued, the draft is unchanged, the action is closed", async () => {
        const draft = drafts.shift()!;
        const before = await invoice(draft);
        const id = await propose(draft);
        await path.refuse(id, "farid");
        expect(await invoice(draft)).toEqual(before);
        expect(before.status).toBe("draft");
        expect(await pendingIds()).not.toContain(id);
        // Closed as refused: a later confirmation finds nothing to confirm.
        const late = await path.confirm(id, "farid").catch((error: unknown) => ({ executed: false, message: String(error) }));
        expect(late.executed).toBe(false);
        expect(await invoice(draft)).toEqual(before);
      });

      it("above the finance threshold, refuses a project manager and keeps the action pending; finance then confirms", async () => {
        const draft = large.shift()!;
        const id = await propose(draft);
        const refused = await path.confirm(id, "claire");
        expect(refused.executed).toBe(false);
        expect(refused.message).toContain("au-delà de 10\u202f000,00\u00a0€, seul un rôle finance ou admin peut confirmer (rôle actuel : project_manager) ; l'action reste en attente");
        expect((await invoice(draft)).status).toBe("draft");
        expect(await pendingIds()).toContain(id);
        const confirmed = await path.confirm(id, "farid");
        expect(confirmed.executed).toBe(true);
        expect((await invoice(draft)).number).toMatch(/^F-2026-\d+$/);
      });
    });
  }

  it("page web: a confirmation is single use, and a form showing another content (digest) is refused as tampered", async () => {
    const browser = await signedIn(served.origin, FINANCE_TOKEN);
    const draft = drafts.shift()!;
    const id = await propose(draft);
    const page = await browser.get(`/actions/${id}`);
    const forged = await browser.post(`/actions/${id}/confirmer`, { jeton_formulaire: inputValue(page.body, "jeton_formulaire"), empreinte: "0".repeat(64), code: textOf(page.body, "data-code") });
    expect(forged.status).toBe(409);
    expect(decodeEntities(forged.body)).toContain("le contenu de cette action a changé depuis sa proposition : rien n'a été fait");
    expect((await invoice(draft)).status).toBe("draft");

    const other = drafts.shift()!;
    const second = await propose(other);
    const shown = await browser.get(`/actions/${second}`);
    const fields = { jeton_formulaire: inputValue(shown.body, "jeton_formulaire"), empreinte: inputValue(shown.body, "empreinte"), code: textOf(shown.body, "data-code") };
    expect((await browser.post(`/actions/${second}/confirmer`, fields)).status).toBe(303);
    const number = (await invoice(other)).number;
    const replay = await browser.post(`/actions/${second}/confirmer`, fields);
    expect(replay.status).toBe(400); // the code was used: nothing is done a second time
    expect((await invoice(other)).number).toBe(number);
  });
});
