import { afterEach, describe, expect, it } from "vitest";
import { getPaymentAlertsTool } from "../../../tools/payments/getPaymentAlerts.js";
import type { Harness } from "../harness.js";
import { startWithLedger } from "./paymentsFixtures.js";

describe("get_payment_alerts", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("lists the engine's alerts as of today, most severe first, with counts per severity", async () => {
    ({ h } = await startWithLedger({ tools: [getPaymentAlertsTool] }));
    const listed = (await h.client.listTools()).tools[0];
    expect(listed?.annotations).toMatchObject({ readOnlyHint: true });
    const result = await h.client.callTool({ name: "get_payment_alerts", arguments: {} });
    const s = result.structuredContent as Record<string, any>;
    expect(s.counts).toEqual({ info: 1, warning: 0, alert: 1, critical: 2 });
    expect(s.alerts.map((a: any) => [a.number, a.severity, a.daysOverdue, a.outstanding])).toEqual([
      ["F-2025-00001", "critical", 109, "120.00"],
      ["F-2026-00001", "critical", 44, "1200.00"],
      ["F-2026-00002", "alert", 8, "600.00"],
      ["F-2026-00003", "info", 0, "12000.00"],
    ]);
    expect(s.alerts[3]).toMatchObject({ code: "due_soon", daysUntilDue: 2, clientName: "Bêta Conseil" });
    const text = (result.content as { text: string }[])[0]?.text ?? "";
    expect(text.split("\n")[0]).toBe("4 alertes de paiement au 20/03/2026 :");
    expect(text).toContain("[critique] Facture F-2026-00001 (Acme Industrie) : 44 jours de retard");
  });

  it("raises an unpaid amount above 10 000 € as critical once it is late, and filters by severity", async () => {
    ({ h } = await startWithLedger({ tools: [getPaymentAlertsTool] }));
    const result = await h.client.callTool({ name: "get_payment_alerts", arguments: { asOf: "2026-03-23", severities: ["critical"] } });
    const s = result.structuredContent as Record<string, any>;
    expect(s.alerts.map((a: any) => [a.number, a.code])).toEqual([
      ["F-2025-00001", "escalate"],
      ["F-2026-00001", "escalate"],
      ["F-2026-00003", "large_unpaid"],
    ]);
    expect(s.counts).toEqual({ info: 0, warning: 0, alert: 0, critical: 3 });
  });

  it("says so when there is nothing to report for a client", async () => {
    let ledger;
    ({ h, ledger } = await startWithLedger({ tools: [getPaymentAlertsTool] }));
    const result = await h.client.callTool({ name: "get_payment_alerts", arguments: { clientId: ledger.acme.id, asOf: "2026-01-10" } });
    expect(result.structuredContent).toEqual({ asOf: "2026-01-10", alerts: [], counts: { info: 0, warning: 0, alert: 0, critical: 0 } });
    expect((result.content as { text: string }[])[0]?.text).toBe("Aucune alerte de paiement au 10/01/2026.");
  });

  it("refuses an unknown severity, naming the field", async () => {
    ({ h } = await startWithLedger({ tools: [getPaymentAlertsTool] }));
    const bad = await h.client.callTool({ name: "get_payment_alerts", arguments: { severities: ["grave"] } });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]?.text).toMatch(/^severities\[0\] : /);
  });
});
