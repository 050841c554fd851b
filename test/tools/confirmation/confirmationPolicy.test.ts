import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import { saveSellerSettings } from "../../../db/repositories/seller.js";
import { pendingActions } from "../../../db/schema/pendingActions.js";
import { InputError } from "../../../engine/errors.js";
import { Decimal } from "../../../engine/money/money.js";
import { confirmPendingAction } from "../../../tools/confirmation/confirmPendingAction.js";
import { confirmationPolicyFromSettings } from "../../../tools/confirmation/confirmationPolicy.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { pgliteBackend } from "../../db/backends.js";
import { PROJECT_MANAGER, startHarness, type Harness } from "../harness.js";
import { testTools } from "../testTools.js";

const SELLER = {
  legalName: "Atelier Numérique SAS",
  addressLine1: "12 rue de la République",
  postalCode: "69002",
  city: "Lyon",
};

describe("confirmationPolicyFromSettings", () => {
  let opened: OpenedDatabase;
  beforeEach(async () => {
    opened = await pgliteBackend.fresh();
  });
  afterEach(async () => {
    await opened.close();
  });

  it("uses 10 000 € when the seller has no settings yet", async () => {
    const policy = await confirmationPolicyFromSettings(opened.db, {})();
    expect(policy.financeThreshold.toFixed(2)).toBe("10000.00");
    expect(policy.ttlMinutes).toBe(15);
  });

  it("reads seller_settings.finance_approval_threshold, at each use", async () => {
    const source = confirmationPolicyFromSettings(opened.db, {});
    await saveSellerSettings(opened.db, { ...SELLER, financeApprovalThreshold: new Decimal("2500.50") });
    expect((await source()).financeThreshold.toFixed(2)).toBe("2500.50");
    await saveSellerSettings(opened.db, { ...SELLER, financeApprovalThreshold: new Decimal("750.00") });
    expect((await source()).financeThreshold.toFixed(2)).toBe("750.00");
  });

  it("lets FACTURATION_FINANCE_THRESHOLD override the seller settings", async () => {
    await saveSellerSettings(opened.db, { ...SELLER, financeApprovalThreshold: new Decimal("2500.00") });
    const policy = await confirmationPolicyFromSettings(opened.db, { FACTURATION_FINANCE_THRESHOLD: "40000.00", FACTURATION_CONFIRMATION_TTL_MINUTES: "5" })();
    expect(policy.financeThreshold.toFixed(2)).toBe("40000.00");
    expect(policy.ttlMinutes).toBe(5);
  });

  it("refuses a malformed override at once, naming the variable", () => {
    expect(() => confirmationPolicyFromSettings(opened.db, { FACTURATION_FINANCE_THRESHOLD: "10 000" })).toThrow(InputError);
    expect(() => confirmationPolicyFromSettings(opened.db, { FACTURATION_FINANCE_THRESHOLD: "1e4" })).toThrow(/^FACTURATION_FINANCE_THRESHOLD : doit être un montant décimal/);
  });
});

describe("the gate with the seller's finance threshold", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const CALL = { name: "issue_test_invoice", arguments: { clientId: 3, label: "Jalon maquettes", net: "1500.00" } };

  it("keeps an action above the seller's threshold pending for a finance role, even when the form is accepted", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools, session: PROJECT_MANAGER, elicitation: () => ({ action: "accept", content: { confirmer: true } }) });
    await saveSellerSettings(h.opened.db, { ...SELLER, financeApprovalThreshold: new Decimal("1799.99") });
    const structured = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    expect(structured).toMatchObject({ status: "pending", pendingReason: "finance_approval_required" });
    expect(h.elicitations).toEqual([]);
    expect(t.executed).toEqual([]);
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, structured.pendingAction.id));
    await expect(
      confirmPendingAction(h.deps, { actionId: structured.pendingAction.id, digest: row!.digest, confirmer: { ...PROJECT_MANAGER, channel: "cli" } }),
    ).rejects.toThrow(/au-delà de 1\u202f799,99\u00a0€/);
    expect(t.executed).toEqual([]);
    const [after] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, structured.pendingAction.id));
    expect(after?.status).toBe("pending");
  });

  it("asks the form and executes when the amount is at the seller's threshold", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools, session: PROJECT_MANAGER, elicitation: () => ({ action: "accept", content: { confirmer: true } }) });
    await saveSellerSettings(h.opened.db, { ...SELLER, financeApprovalThreshold: new Decimal("1800.00") });
    const structured = ProposalResultSchema.parse((await h.client.callTool(CALL)).structuredContent);
    expect(structured.status).toBe("executed");
    expect(h.elicitations).toHaveLength(1);
    expect(t.executed).toHaveLength(1);
  });
});
