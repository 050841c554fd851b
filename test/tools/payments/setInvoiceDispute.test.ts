import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit.js";
import { invoices } from "../../../db/schema/invoices.js";
import { setInvoiceDisputeTool } from "../../../tools/payments/setInvoiceDispute.js";
import type { Harness } from "../harness.js";
import { creditNote, startWithLedger } from "./paymentsFixtures.js";

describe("set_invoice_dispute", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const disputeAudit = async () =>
    (await h!.opened.db.select().from(auditLog)).filter((a) => a.action.startsWith("invoice_dispute")).map((a) => [a.action, a.subjectId, a.actor, a.details]);

  it("is an honest write: not read-only, not destructive, idempotent", async () => {
    ({ h } = await startWithLedger({ tools: [setInvoiceDisputeTool] }));
    const [tool] = (await h.client.listTools()).tools;
    expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });
    expect(tool?._meta).toEqual({ "facturation/monetary": false });
  });

  it("marks a dispute with its reason, audits it, then clears it", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [setInvoiceDisputeTool] }));
    const marked = await h.client.callTool({ name: "set_invoice_dispute", arguments: { invoice: "F-2026-00001", disputed: true, reason: "livrable incomplet" } });
    expect(marked.structuredContent).toEqual({ invoiceId: ledger.a1.id, number: "F-2026-00001", disputed: true, reason: "livrable incomplet", changed: true });
    expect((marked.content as { text: string }[])[0]?.text).toBe("La facture F-2026-00001 est en litige (livrable incomplet) : ses relances sont suspendues.");
    const [row] = await h.opened.db.select().from(invoices).where(eq(invoices.id, ledger.a1.id));
    expect(row).toMatchObject({ disputed: true, disputeReason: "livrable incomplet", status: "issued", amountPaid: "0.00" });
    expect(row?.disputedAt).toBeInstanceOf(Date);

    const again = await h.client.callTool({ name: "set_invoice_dispute", arguments: { invoice: "F-2026-00001", disputed: true, reason: "livrable incomplet" } });
    expect(again.structuredContent).toMatchObject({ changed: false });

    const cleared = await h.client.callTool({ name: "set_invoice_dispute", arguments: { invoice: "F-2026-00001", disputed: false } });
    expect(cleared.structuredContent).toEqual({ invoiceId: ledger.a1.id, number: "F-2026-00001", disputed: false, reason: null, changed: true });
    const [after] = await h.opened.db.select().from(invoices).where(eq(invoices.id, ledger.a1.id));
    expect(after).toMatchObject({ disputed: false, disputeReason: null, disputedAt: null });
    expect(await disputeAudit()).toEqual([
      ["invoice_disputed", "F-2026-00001", "claire", { reason: "livrable incomplet" }],
      ["invoice_dispute_closed", "F-2026-00001", "claire", {}],
    ]);
  });

  it("refuses a dispute without a reason and a credit note, changing nothing", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [setInvoiceDisputeTool] }));
    const noReason = await h.client.callTool({ name: "set_invoice_dispute", arguments: { invoice: "F-2026-00001", disputed: true } });
    expect(noReason.isError).toBe(true);
    expect((noReason.content as { text: string }[])[0]?.text).toBe("reason : le motif est obligatoire pour mettre une facture en litige");
    const notBool = await h.client.callTool({ name: "set_invoice_dispute", arguments: { invoice: "F-2026-00001", disputed: "oui" } });
    expect((notBool.content as { text: string }[])[0]?.text).toMatch(/^disputed : doit valoir true/);
    const credit = await creditNote(h.opened.db, ledger.acme.id, ledger.a1.id, "2026-03-05", "-100.00");
    const onCredit = await h.client.callTool({ name: "set_invoice_dispute", arguments: { invoice: credit.number, disputed: true, reason: "erreur" } });
    expect((onCredit.content as { text: string }[])[0]?.text).toBe("invoice : AV-2026-00001 est un avoir : seule une facture peut être mise en litige");
    const rows = await h.opened.db.select().from(invoices);
    expect(rows.filter((r) => r.disputed)).toEqual([]);
    expect(await disputeAudit()).toEqual([]);
  });
});
