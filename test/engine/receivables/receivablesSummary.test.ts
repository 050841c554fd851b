import { describe, expect, it } from "vitest";
import { InputError } from "../../../engine/errors.js";
import { ReceivablesSummarySchema, summarizeReceivables, summarizeReceivablesWire } from "../../../engine/receivables/receivablesSummary.js";
import { receivablesSummaryText } from "../../../engine/receivables/receivablesSummaryText.js";
import { workedExample } from "./fixtures.js";

/** The DSO worked example on the wire (see daysSalesOutstanding.test.ts), plus a second client. */
const wireInput = () => ({
  asOf: "2026-03-31",
  documents: [
    { id: "F1", number: "F-1", kind: "invoice", issueDate: "2025-12-15", dueDate: "2026-01-14", amountDue: "12000.00", clientId: "acme", clientName: "Acme" },
    { id: "F2", number: "F-2", kind: "invoice", issueDate: "2026-01-10", dueDate: "2026-02-09", amountDue: "36000.00", clientId: "acme", clientName: "Acme" },
    { id: "F3", number: "F-3", kind: "invoice", issueDate: "2026-02-10", dueDate: "2026-03-12", amountDue: "24000.00", clientId: "acme", clientName: "Acme" },
    { id: "F4", number: "F-4", kind: "invoice", issueDate: "2026-03-15", dueDate: "2026-04-14", amountDue: "32400.00", clientId: "acme", clientName: "Acme" },
    { id: "AV1", number: "AV-1", kind: "credit_note", issueDate: "2026-03-20", dueDate: "2026-03-20", amountDue: "-2400.00", clientId: "acme", clientName: "Acme", correctsInvoiceId: "F4" },
  ],
  allocations: [
    { invoiceId: "F1", amount: "12000.00", date: "2026-01-20" },
    { invoiceId: "F2", amount: "36000.00", date: "2026-02-15" },
    { invoiceId: "F3", amount: "12000.00", date: "2026-03-20" },
  ],
  reminders: [{ invoiceId: "F3", level: "r1", date: "2026-03-19" }],
});

describe("summarizeReceivablesWire", () => {
  it("returns statuses, aging, KPIs, alerts and dunning as decimal strings, matching its output schema", () => {
    const out = summarizeReceivablesWire(wireInput());
    expect(ReceivablesSummarySchema.parse(out)).toEqual(out);
    expect(out.period).toEqual({ from: "2026-01-01", to: "2026-03-31", days: 90 });
    expect(out.invoices.map((i) => [i.number, i.status, i.outstanding, i.daysOverdue, i.agingBucket])).toEqual([
      ["F-1", "paid", "0.00", 0, "not_due"],
      ["F-2", "paid", "0.00", 0, "not_due"],
      ["F-3", "overdue", "12000.00", 19, "d1_30"],
      ["F-4", "unpaid", "30000.00", 0, "not_due"],
    ]);
    expect(out.aging.overall.total).toEqual({ amount: "42000.00", count: 2 });
    expect(out.aging.overall.buckets.d1_30).toEqual({ amount: "12000.00", count: 1 });
    expect(out.kpis.map((k) => [k.code, k.value, k.alert])).toEqual([
      ["dso", "42.0", false],
      ["recovery_rate", "83.3", true],
      ["overdue_count", "1", false],
      ["unpaid_amount", "12000.00", true],
    ]);
    expect(out.dso).toEqual({ outstanding: "42000.00", revenue: "90000.00" });
    // F-3: 19 days late (R1 alert) and 12 000.00 > 10 000.00 unpaid (management); most severe first.
    expect(out.alerts.map((a) => [a.number, a.code, a.severity])).toEqual([
      ["F-3", "large_unpaid", "critical"],
      ["F-3", "reminder_due", "alert"],
    ]);
    // F-3 is due 03-12. R1 went on 03-19 (day 7); R2 became due at +15 = 03-27, so it is due today (03-31).
    // Sent today, R2 is followed by R3 at max(due + 30 = 04-11, 03-31 + (30 − 15) = 04-15) = 04-15.
    // F-4 is due 04-14: R1 at +7 = 04-21.
    expect(out.dunning.map((d) => [d.number, d.lastSent?.level ?? null, d.dueNow, d.next])).toEqual([
      ["F-3", "r1", "r2", { level: "r3", date: "2026-04-15" }],
      ["F-4", null, null, { level: "r1", date: "2026-04-21" }],
    ]);
  });

  it("restricts everything to one client when asked", () => {
    const input = wireInput();
    input.documents.push({ id: "B1", number: "B-1", kind: "invoice", issueDate: "2026-03-01", dueDate: "2026-03-02", amountDue: "100.00", clientId: "beta", clientName: "Bêta" });
    const out = summarizeReceivablesWire({ ...input, clientId: "beta" });
    expect(out.invoices.map((i) => i.number)).toEqual(["B-1"]);
    expect(out.kpis.find((k) => k.code === "dso")?.value).toBe("90.0");
    expect(out.dunning).toEqual([expect.objectContaining({ number: "B-1", dueNow: "r1" })]);
  });

  it("refuses bad input with a French message naming the field", () => {
    const bad = wireInput();
    bad.allocations[1] = { invoiceId: "F2", amount: "36000.5.0", date: "2026-02-15" };
    expect(() => summarizeReceivablesWire(bad)).toThrow(InputError);
    expect(() => summarizeReceivablesWire(bad)).toThrow(/^allocations\[1\]\.amount : doit être un nombre décimal/);
    const negative = wireInput();
    negative.documents[0] = { ...negative.documents[0]!, amountDue: "-5.00" };
    expect(() => summarizeReceivablesWire(negative)).toThrow("documents[0].amountDue : ne peut pas être négatif pour une facture");
    expect(() => summarizeReceivablesWire({ ...wireInput(), reminders: [{ invoiceId: "nope", level: "r1", date: "2026-03-01" }] })).toThrow("reminders[0].invoiceId");
  });
});

describe("receivablesSummaryText", () => {
  it("writes the worked example in French from the summary's figures", () => {
    const summary = summarizeReceivables(workedExample.documents, workedExample.allocations, "2026-03-31", {
      reminders: [{ invoiceId: "F3", level: "r1", date: "2026-03-19" }],
    });
    const nb = "\u202f";
    const eur = "\u00a0€";
    expect(receivablesSummaryText(summary)).toBe(
      [
        `Au 31/03/2026 : 42${nb}000,00${eur} à encaisser sur 2 factures, dont 12${nb}000,00${eur} échus sur 1 facture en retard.`,
        `Balance âgée : non échu 30${nb}000,00${eur} (1) · 1 à 30 jours 12${nb}000,00${eur} (1).`,
        "Indicateurs du 01/01/2026 au 31/03/2026 :",
        "- à surveiller DSO : 42,0 jours (objectif ≤ 30, alerte au-delà de 45).",
        "- ALERTE Taux de recouvrement : 83,3 % (objectif 100,0 %, alerte sous 95,0 %).",
        "- à surveiller 1 facture en retard (objectif 0, alerte à partir de 3).",
        `- ALERTE Montant impayé échu : 12${nb}000,00${eur} (objectif 0, alerte au-delà de 9${nb}000,00${eur}, soit 10 % du chiffre d'affaires de la période).`,
        "Alertes :",
        `- [critical] Facture F-F3 (Acme) : impayé de 12${nb}000,00${eur}, au-delà de 10${nb}000,00${eur} ; à signaler à la direction.`,
        `- [alert] Facture F-F3 (Acme) : 19 jours de retard, reste dû 12${nb}000,00${eur} ; première relance (R1) à envoyer.`,
        "Relances à préparer aujourd'hui :",
        "- F-F3 : relance R2 (ferme)",
      ].join("\n"),
    );
  });

  it("says when nothing is waiting to be paid", () => {
    expect(receivablesSummaryText(summarizeReceivables([], [], "2026-03-31")).split("\n")[0]).toBe("Au 31/03/2026 : aucune facture en attente de paiement.");
  });
});
