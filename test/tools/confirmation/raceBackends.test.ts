import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { pendingActions } from "../../../db/schema/pendingActions.js";
import { confirmPendingAction } from "../../../tools/confirmation/confirmPendingAction.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { testBackends } from "../../db/backends.js";
import { FINANCE, startHarness, type Harness } from "../harness.js";
import { testTools } from "../testTools.js";

describe.each(testBackends())("confirmPendingAction racing on $name", (backend) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("executes exactly once when eight confirmations of the same action race", async () => {
    const t = testTools();
    h = await startHarness({ tools: t.tools, database: await backend.fresh({ maxConnections: 8 }) });
    const { pendingAction } = ProposalResultSchema.parse(
      (await h.client.callTool({ name: "issue_test_invoice", arguments: { clientId: 1, label: "Jalon", net: "100.00" } })).structuredContent,
    );
    const [row] = await h.opened.db.select().from(pendingActions).where(eq(pendingActions.id, pendingAction.id));
    const request = { actionId: pendingAction.id, digest: row!.digest, confirmer: FINANCE };
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => confirmPendingAction(h!.deps, request)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(String(o.reason)).toMatch(/ne peut plus être confirmée|par ailleurs/);
    expect(t.executed).toHaveLength(1);
  });
});
