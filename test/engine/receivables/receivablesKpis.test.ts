import { describe, expect, it } from "vitest";
import { toAmountString } from "../../../engine/money/money.js";
import { type Kpi, type KpiCode, receivablesKpis } from "../../../engine/receivables/receivablesKpis.js";
import { inv, pay, workedExample } from "./fixtures.js";

const asOf = "2026-03-31"; // default period: 2026-01-01 … 2026-03-31, 90 days
const kpi = (kpis: readonly Kpi[], code: KpiCode): Kpi => {
  const found = kpis.find((k) => k.code === code);
  if (!found) throw new Error(`no KPI ${code}`);
  return found;
};

/** One 90 000.00 invoice issued in the period, not yet due, with `outstanding` left: DSO = outstanding / 1 000. */
const dsoCase = (outstanding: string) => {
  const docs = [inv("1", { issueDate: "2026-03-01", dueDate: "2026-04-30", amountDue: "90000.00" })];
  const paid = inv("x", { amountDue: "90000.00" }).amountDue.minus(outstanding);
  return receivablesKpis(docs, paid.isZero() ? [] : [pay("1", paid.toString(), "2026-03-10")], asOf);
};

/** One 10 000.00 invoice due in the period with `paid` collected: rate = paid / 100 %. */
const recoveryCase = (paid: string) =>
  receivablesKpis([inv("1", { issueDate: "2026-01-05", dueDate: "2026-02-04", amountDue: "10000.00" })], [pay("1", paid, "2026-02-01")], asOf);

describe("receivablesKpis", () => {
  it("gives the four KPIs of the worked example with their French messages", () => {
    const r = receivablesKpis(workedExample.documents, workedExample.allocations, asOf);
    expect(r.period).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(r.kpis.map((k) => [k.code, k.value?.toString(), k.onTarget, k.alert])).toEqual([
      ["dso", "42", false, false],
      ["recovery_rate", "83.33333333333333333333333333333333333333", false, true],
      ["overdue_count", "1", false, false],
      // F3: 12 000 overdue > 10 % of 90 000 = 9 000 → alert
      ["unpaid_amount", "12000", false, true],
    ]);
    expect(toAmountString(kpi(r.kpis, "unpaid_amount").alertThreshold)).toBe("9000.00");
    expect(kpi(r.kpis, "dso").message).toBe("DSO : 42,0 jours (objectif ≤ 30, alerte au-delà de 45).");
    expect(kpi(r.kpis, "recovery_rate").message).toBe("Taux de recouvrement : 83,3 % (objectif 100,0 %, alerte sous 95,0 %).");
  });

  it("DSO: on target at 30 days, off at 30.00001; no alert at 45, alert just above", () => {
    expect(kpi(dsoCase("30000.00").kpis, "dso")).toMatchObject({ onTarget: true, alert: false });
    expect(kpi(dsoCase("30000.01").kpis, "dso")).toMatchObject({ onTarget: false, alert: false });
    expect(kpi(dsoCase("45000.00").kpis, "dso")).toMatchObject({ onTarget: false, alert: false });
    expect(kpi(dsoCase("45000.01").kpis, "dso")).toMatchObject({ onTarget: false, alert: true });
  });

  it("DSO: not computable without revenue in the period, and then no alert", () => {
    const r = receivablesKpis([inv("1", { issueDate: "2025-06-01", dueDate: "2025-07-01" })], [], asOf);
    expect(kpi(r.kpis, "dso")).toMatchObject({ value: null, alert: false, onTarget: false });
    expect(kpi(r.kpis, "dso").message).toContain("non calculable");
  });

  it("recovery rate: on target at 100 %, no alert at 95 %, alert at 94.99 %", () => {
    expect(kpi(recoveryCase("10000.00").kpis, "recovery_rate")).toMatchObject({ onTarget: true, alert: false });
    expect(kpi(recoveryCase("9500.00").kpis, "recovery_rate")).toMatchObject({ onTarget: false, alert: false });
    const low = kpi(recoveryCase("9499.00").kpis, "recovery_rate");
    expect(low.value?.toString()).toBe("94.99");
    expect(low).toMatchObject({ onTarget: false, alert: true });
  });

  it("overdue invoices: on target at 0, no alert at 2, alert at 3", () => {
    const overdue = (n: number) =>
      receivablesKpis(
        Array.from({ length: n }, (_, i) => inv(`o${i}`, { issueDate: "2026-02-01", dueDate: "2026-03-01", amountDue: "100.00" })),
        [],
        asOf,
      );
    expect(kpi(overdue(0).kpis, "overdue_count")).toMatchObject({ onTarget: true, alert: false });
    expect(kpi(overdue(2).kpis, "overdue_count")).toMatchObject({ onTarget: false, alert: false });
    expect(kpi(overdue(3).kpis, "overdue_count")).toMatchObject({ onTarget: false, alert: true });
    expect(kpi(overdue(3).kpis, "overdue_count").message).toBe("3 factures en retard (objectif 0, alerte à partir de 3).");
  });

  it("unpaid amount: no alert at exactly 10 % of the revenue, alert one cent above", () => {
    // 10 000.00 invoiced in the period, overdue since 2026-02-04: alert threshold 1 000.00.
    const at = recoveryCase("9000.00");
    expect(toAmountString(kpi(at.kpis, "unpaid_amount").alertThreshold)).toBe("1000.00");
    expect(kpi(at.kpis, "unpaid_amount")).toMatchObject({ onTarget: false, alert: false });
    expect(kpi(recoveryCase("8999.99").kpis, "unpaid_amount")).toMatchObject({ onTarget: false, alert: true });
    expect(kpi(recoveryCase("10000.00").kpis, "unpaid_amount")).toMatchObject({ onTarget: true, alert: false });
  });

  it("unpaid amount counts overdue invoices only, not those not yet due", () => {
    const r = dsoCase("90000.00");
    expect(kpi(r.kpis, "unpaid_amount").value?.isZero()).toBe(true);
    expect(kpi(r.kpis, "unpaid_amount").alert).toBe(false);
  });

  it("follows configured thresholds and periods", () => {
    const thresholds = {
      dsoTargetDays: 20,
      dsoAlertDays: 25,
      recoveryTargetPercent: "100",
      recoveryAlertPercent: "95",
      overdueCountTarget: 0,
      overdueCountAlert: 3,
      unpaidAlertPercentOfRevenue: "10",
    };
    const docs = [inv("1", { issueDate: "2026-03-01", dueDate: "2026-04-30", amountDue: "90000.00" })];
    const r = receivablesKpis(docs, [pay("1", "63000.00", "2026-03-10")], asOf, { thresholds, periodDays: 60 });
    // 27 000 outstanding / 90 000 invoiced over 60 days × 60 = 18 days
    expect(r.period).toEqual({ from: "2026-01-31", to: "2026-03-31" });
    expect(kpi(r.kpis, "dso")).toMatchObject({ onTarget: true, alert: false });
    expect(kpi(r.kpis, "dso").value?.toString()).toBe("18");
  });
});
