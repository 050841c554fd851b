import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../../db/database.js";
import { auditLog } from "../../../db/schema/audit.js";
import { getPendingAction, listPendingActions } from "../../../db/repositories/pendingActions.js";
import { pendingActions } from "../../../db/schema/pendingActions.js";
import { confirmPendingAction } from "../../../tools/confirmation/confirmPendingAction.js";
import { declinePendingAction } from "../../../tools/confirmation/declinePendingAction.js";
import { actionDigest as payloadDigest } from "../../../db/canonicalDigest.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { FINANCE, PROJECT_MANAGER, startHarness, type Harness } from "../harness.js";
import { testTools } from "../testTools.js";

const CALL = { name: "issue_test_invoice", arguments: { clientId: 3, label: "Jalon maquettes", net: "1500.00" } };

async function auditActions(h: Harness): Promise<string[]> {
  const rows = await h.opened.db.select({ action: auditLog.action }).from(auditLog).orderBy(auditLog.seq);
  return rows.map((r) => r.action);
}

async function statusOf(h: Harness, id: string): Promise<string | undefined> {
  const [row] = await h.opened.db.select({ status: pendingActions.status }).from(pendingActions).where(eq(pendingActions.id, id));
  return row?.status;
}

describe("the confirmation gate through an MCP client", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("executes once when the client's form is accepted, after showing the preview computed from the stored payload", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools, elicitation: () => ({ action: "accept", content: { confirmer: true } }) });
    const result = await h.client.callTool(CALL);
    const structured = ProposalResultSchema.parse(result.structuredContent);
    expect(structured.status).toBe("executed");
    expect(structured.result).toEqual({ number: "TEST-1" });
    expect(result.content).toEqual([{ type: "text", text: "Facture TEST-1 émise pour Client 3." }]);
    expect(t.executed).toHaveLength(1);
    expect(t.executed[0]?.actionId).toBe(structured.pendingAction.id);
    const [asked] = h.elicitations;
    const message = asked?.params.message ?? "";
    expect(message).toContain("Client : Client 3");
    expect(message).toContain("Total HT : 1\u202f500,00\u00a0€");
    expect(message).toContain("TVA : 300,00\u00a0€");
    expect(message).toContain("Total TTC : 1\u202f800,00\u00a0€");
    expect(message).toContain("Échéance : 30/04/2026");
    expect(message).toContain("Série de numérotation : F");
    expect(await statusOf(h, structured.pendingAction.id)).toBe("executed");
    expect(await auditActions(h)).toEqual(["action_proposed", "action_executed"]);
  });

  it("executes nothing when the human declines, and says so in French", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools, elicitation: () => ({ action: "decline" }) });
    const result = await h.client.callTool(CALL);
    const structured = ProposalResultSchema.parse(result.structuredContent);
    expect(structured.status).toBe("declined");
    expect(result.content).toEqual([{ type: "text", text: "Refusé par l'utilisateur : rien n'a été fait." }]);
    expect(t.executed).toEqual([]);
    expect(await statusOf(h, structured.pendingAction.id)).toBe("declined");
    expect(await auditActions(h)).toEqual(["action_proposed", "action_declined"]);
  });

  it("executes nothing when the form is cancelled, or accepted without ticking the box", async () => {
    const t = testTools();
    const answers = [{ action: "cancel" as const }, { action: "accept" as const, content: { confirmer: false } }];
    h = await startHarness({ tools: t.tools, elicitation: () => answers.shift() ?? { action: "cancel" } });
    const cancelled = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    const unticked = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    expect([cancelled.status, unticked.status]).toEqual(["cancelled", "declined"]);
    expect(t.executed).toEqual([]);
    expect(await auditActions(h)).toEqual(["action_proposed", "action_cancelled", "action_proposed", "action_declined"]);
  });

  it("leaves the action pending when the client never answers the form (timeout)", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools, elicitationTimeoutMs: 200, elicitation: () => new Promise(() => {}) });
    const result = await h.client.callTool(CALL);
    const structured = ProposalResultSchema.parse(result.structuredContent);
    expect(structured).toMatchObject({ status: "pending", pendingReason: "no_answer" });
    expect(t.executed).toEqual([]);
    expect(await statusOf(h, structured.pendingAction.id)).toBe("pending");
  });

  it("without elicitation, answers with the pending id and the out-of-band command; confirming it out of band executes once", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools });
    const result = await h.client.callTool(CALL);
    const structured = ProposalResultSchema.parse(result.structuredContent);
    const id = structured.pendingAction.id;
    expect(structured).toMatchObject({ status: "pending", pendingReason: "no_elicitation", confirmCommand: `facturation confirm ${id}` });
    const text = result.content as { text: string }[];
    expect(text[0]?.text).toContain(`« facturation confirm ${id} »`);
    expect(text[0]?.text).toContain("Rien n'a encore été fait.");
    expect(t.executed).toEqual([]);

    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, id));
    const outcome = await confirmPendingAction(h.deps, { actionId: id, digest: payloadDigest(row!.kind, row!.payload), confirmer: FINANCE });
    expect(outcome).toEqual({ text: "Facture TEST-1 émise pour Client 3.", result: { number: "TEST-1" } });
    expect(t.executed).toHaveLength(1);
    expect(t.executed[0]?.confirmedBy).toBe("farid");
    expect(await auditActions(h)).toEqual(["action_proposed", "action_awaiting_out_of_band", "action_executed"]);
  });

  it("stores its pending actions through the db repository: one row, one digest formula, one claim", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools });
    const { pendingAction } = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    const stored = await getPendingAction(h.opened.db, pendingAction.id);
    expect(stored.digest).toBe(payloadDigest(stored.kind, stored.payload));
    expect(stored.kind).toBe("issue_invoice");
    expect(stored.amount?.toFixed(2)).toBe("1800.00");
    expect((await listPendingActions(h.opened.db, { now: h.clock.now })).map((a) => a.id)).toEqual([pendingAction.id]);
    await confirmPendingAction(h.deps, { actionId: pendingAction.id, digest: stored.digest, confirmer: FINANCE });
    const executed = await getPendingAction(h.opened.db, pendingAction.id);
    expect(executed).toMatchObject({ status: "executed", confirmedBy: "farid", channel: "cli", result: { number: "TEST-1" } });
    expect(await listPendingActions(h.opened.db, { now: h.clock.now })).toEqual([]);
  });

  it("refuses a replayed confirmation: the action ran once", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools });
    const { pendingAction } = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, pendingAction.id));
    const request = { actionId: pendingAction.id, digest: row!.digest, confirmer: FINANCE };
    await confirmPendingAction(h.deps, request);
    await expect(confirmPendingAction(h.deps, request)).rejects.toThrow("id : cette action est déjà exécutée : elle ne peut plus être confirmée");
    expect(t.executed).toHaveLength(1);
    expect((await auditActions(h)).at(-1)).toBe("action_replay_refused");
  });

  it("refuses an expired confirmation, marks it expired and executes nothing", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools });
    const { pendingAction } = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, pendingAction.id));
    h.clock.now = new Date(h.clock.now.getTime() + 15 * 60_000);
    await expect(confirmPendingAction(h.deps, { actionId: pendingAction.id, digest: row!.digest, confirmer: FINANCE })).rejects.toThrow(/a expiré/);
    expect(t.executed).toEqual([]);
    expect(await statusOf(h, pendingAction.id)).toBe("expired");
    expect((await auditActions(h)).at(-1)).toBe("action_expired");
  });

  it("refuses an altered payload (tampered in the database) and a confirmation bound to another digest", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools });
    const first = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent).pendingAction.id;
    const second = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent).pendingAction.id;
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, first));
    await h.opened.db.execute(sql`update pending_actions set payload = jsonb_set(payload, '{gross}', '"18.00"') where id = ${first}`);
    await expect(confirmPendingAction(h.deps, { actionId: first, digest: row!.digest, confirmer: FINANCE })).rejects.toThrow(/le contenu de cette action a changé/);
    await expect(confirmPendingAction(h.deps, { actionId: second, digest: "0".repeat(64), confirmer: FINANCE })).rejects.toThrow(/le contenu de cette action a changé/);
    expect(t.executed).toEqual([]);
    expect(await statusOf(h, first)).toBe("failed");
    expect((await auditActions(h)).filter((a) => a === "action_tampered")).toHaveLength(2);
  });

  it("executes exactly once when confirmations race", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools });
    const { pendingAction } = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, pendingAction.id));
    const request = { actionId: pendingAction.id, digest: row!.digest, confirmer: FINANCE };
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => confirmPendingAction(h!.deps, request)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(t.executed).toHaveLength(1);
    const executedRows = rowsOf<{ n: number }>(await h.opened.db.execute(sql`select count(*)::int as n from audit_log where action = 'action_executed'`));
    expect(executedRows[0]?.n).toBe(1);
  });

  it("above the finance threshold, never asks the form and waits for a finance role out of band", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools, financeThreshold: "1000.00", elicitation: () => ({ action: "accept", content: { confirmer: true } }) });
    const result = await h.client.callTool(CALL);
    const structured = ProposalResultSchema.parse(result.structuredContent);
    expect(structured).toMatchObject({ status: "pending", pendingReason: "finance_approval_required" });
    expect(h.elicitations).toEqual([]);
    expect(t.executed).toEqual([]);
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, structured.pendingAction.id));
    await expect(
      confirmPendingAction(h.deps, { actionId: structured.pendingAction.id, digest: row!.digest, confirmer: { ...PROJECT_MANAGER, channel: "cli" } }),
    ).rejects.toThrow(/role : au-delà de 1\u202f000,00\u00a0€, seul un rôle finance ou admin peut confirmer/);
    expect(await statusOf(h, structured.pendingAction.id)).toBe("pending");
    await confirmPendingAction(h.deps, { actionId: structured.pendingAction.id, digest: row!.digest, confirmer: FINANCE });
    expect(t.executed).toHaveLength(1);
  });

  it("closes the action as failed, audited, when the executor refuses; nothing is executed", async () => {
    const t = testTools({ refuseExecution: true });
    h = await startHarness({ tools: t.tools, elicitation: () => ({ action: "accept", content: { confirmer: true } }) });
    const result = await h.client.callTool(CALL);
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([{ type: "text", text: "draftId : le brouillon a déjà été facturé" }]);
    expect(t.executed).toEqual([]);
    expect(await auditActions(h)).toEqual(["action_proposed", "action_failed"]);
  });

  it("lets a human decline out of band; a later confirmation is refused", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools });
    const { pendingAction } = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    await declinePendingAction(h.deps, { actionId: pendingAction.id, by: FINANCE, answer: "declined" });
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, pendingAction.id));
    await expect(confirmPendingAction(h.deps, { actionId: pendingAction.id, digest: row!.digest, confirmer: FINANCE })).rejects.toThrow(/refusée/);
    expect(t.executed).toEqual([]);
  });
});
