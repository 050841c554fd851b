import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../db/audit/verifyAuditChain.js";
import { actionDigest } from "../../db/canonicalDigest.js";
import type { OpenedDatabase } from "../../db/connection.js";
import { createDraftInvoice } from "../../db/repositories/invoiceDrafts.js";
import { listInvoices } from "../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../db/repositories/issueInvoice.js";
import { cancelPending, createPendingAction, declinePending, executePending, expirePendingActions, getPendingAction, listPendingActions } from "../../db/repositories/pendingActions.js";
import { auditLog } from "../../db/schema/index.js";
import type { RuleError } from "../../engine/errors.js";
import { testBackends } from "./backends.js";
import { line, seedBasics } from "./fixtures.js";

const T0 = new Date("2026-03-10T09:00:00.000Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(testBackends())("pending actions — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  async function proposeIssue() {
    const { client } = await seedBasics(h.db);
    const { invoice } = await createDraftInvoice(h.db, { kind: "invoice", clientId: client.id, issueDate: "2026-03-10", lines: [line("500.00")], createdBy: "agent" });
    const action = await createPendingAction(h.db, { kind: "issue_invoice", payload: { invoiceId: invoice.id, amountDue: "600.00" }, requestedBy: "marie", requestedChannel: "chat", now: T0, ttlSeconds: 300 });
    return { invoice, action };
  }
  const issueIt = (invoiceId: number) => (tx: Parameters<Parameters<typeof executePending>[3]>[0], action: { id: string }) =>
    issueInvoice(tx, { invoiceId, actor: "marie", channel: "terminal", idempotencyKey: action.id, pendingActionId: action.id }).then((r) => ({ number: r.invoice.number }));

  it("binds the digest to the canonical payload and lists the action as pending", async () => {
    const { action } = await proposeIssue();
    expect(action.digest).toBe(actionDigest("issue_invoice", { amountDue: "600.00", invoiceId: action.payload && (action.payload as { invoiceId: number }).invoiceId }));
    expect((await listPendingActions(h.db, { now: later(10) })).map((a) => a.id)).toEqual([action.id]);
    expect(await listPendingActions(h.db, { now: later(301) })).toEqual([]);
  });

  it("executes once: the second confirmation finds nothing pending", async () => {
    const { invoice, action } = await proposeIssue();
    const confirmation = { digest: action.digest, confirmer: "marie", channel: "terminal", now: later(30) };
    const result = await executePending(h.db, action.id, confirmation, issueIt(invoice.id));
    expect(result).toEqual({ number: "F-2026-00001" });
    const stored = await getPendingAction(h.db, action.id);
    expect(stored.status).toBe("executed");
    expect(stored.confirmedBy).toBe("marie");
    expect(stored.result).toEqual({ number: "F-2026-00001" });
    const again = await executePending(h.db, action.id, confirmation, issueIt(invoice.id)).catch((e: unknown) => e);
    expect((again as RuleError).code).toBe("not_pending");
    expect(await listInvoices(h.db, { status: ["issued"] })).toHaveLength(1);
    const actions = (await h.db.select().from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(["proposed", "invoice_issued", "confirmed", "executed"]);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it("refuses a different digest, records the tampering and executes nothing", async () => {
    const { invoice, action } = await proposeIssue();
    const error = await executePending(h.db, action.id, { digest: actionDigest("issue_invoice", { invoiceId: invoice.id, amountDue: "6.00" }), confirmer: "marie", channel: "terminal", now: later(30) }, issueIt(invoice.id)).catch((e: unknown) => e);
    expect((error as RuleError).code).toBe("digest_mismatch");
    expect((await getPendingAction(h.db, action.id)).status).toBe("pending");
    expect(await listInvoices(h.db, { status: ["issued"] })).toHaveLength(0);
    expect((await h.db.select().from(auditLog)).map((r) => r.action)).toEqual(["proposed", "tampered"]);
  });

  it("refuses an expired action, marks it expired and executes nothing", async () => {
    const { invoice, action } = await proposeIssue();
    const error = await executePending(h.db, action.id, { digest: action.digest, confirmer: "marie", channel: "terminal", now: later(301) }, issueIt(invoice.id)).catch((e: unknown) => e);
    expect((error as RuleError).code).toBe("expired");
    expect((await getPendingAction(h.db, action.id)).status).toBe("expired");
    expect(await listInvoices(h.db, { status: ["issued"] })).toHaveLength(0);
  });

  it("rolls back and marks the action failed when the execution throws", async () => {
    const { action } = await proposeIssue();
    const error = await executePending(h.db, action.id, { digest: action.digest, confirmer: "marie", channel: "terminal", now: later(5) }, async () => {
      throw new Error("panne");
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("panne");
    const stored = await getPendingAction(h.db, action.id);
    expect(stored.status).toBe("failed");
    expect(stored.error).toBe("panne");
    expect((await h.db.select().from(auditLog)).map((r) => r.action)).toEqual(["proposed", "failed"]);
  });

  it("records declines, cancellations and expiries in the audit log", async () => {
    const { action } = await proposeIssue();
    const second = await createPendingAction(h.db, { kind: "record_payment", payload: { amount: "10.00" }, requestedBy: "marie", now: T0, ttlSeconds: 60 });
    const third = await createPendingAction(h.db, { kind: "send_reminder", payload: { invoice: 1 }, requestedBy: "marie", now: T0, ttlSeconds: 60 });
    await declinePending(h.db, action.id, { actor: "marie", channel: "terminal", now: later(1) });
    await cancelPending(h.db, second.id, { actor: "marie", channel: "chat", now: later(2) });
    expect(await expirePendingActions(h.db, { now: later(61) })).toBe(1);
    expect((await getPendingAction(h.db, third.id)).status).toBe("expired");
    const again = await declinePending(h.db, action.id, { actor: "marie", channel: "terminal" }).catch((e: unknown) => e);
    expect((again as RuleError).code).toBe("not_pending");
    expect((await h.db.select().from(auditLog)).map((r) => r.action)).toEqual(["proposed", "proposed", "proposed", "declined", "cancelled", "expired"]);
  });
});
