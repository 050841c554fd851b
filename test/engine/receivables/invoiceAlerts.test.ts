import { describe, expect, it } from "vitest";
import { addDays } from "../../../engine/dates/plainDate.js";
import { invoiceAlerts, receivableAlerts } from "../../../engine/receivables/invoiceAlerts.js";
import { invoiceReceivable } from "../../../engine/receivables/invoiceReceivable.js";
import { inv, pay } from "./fixtures.js";

const due = "2026-03-31";
/** Alert codes of a 1 000 € invoice due on 2026-03-31, seen `offset` days after its due date. */
const codesAt = (offset: number, amount = "1000.00") => {
  const asOf = addDays(due, offset);
  return invoiceAlerts(invoiceReceivable(inv("1", { dueDate: due, amountDue: amount }), [], [], asOf), asOf).map((a) => `${a.severity}:${a.code}`);
};

describe("invoiceAlerts", () => {
  it("raises info when due in 5 days or fewer, not 6 (days 6/5/4 before the due date)", () => {
    expect(codesAt(-6)).toEqual([]);
    expect(codesAt(-5)).toEqual(["info:due_soon"]);
    expect(codesAt(-4)).toEqual(["info:due_soon"]);
  });

  it("keeps info on the due date itself and switches to warning the day after (days 0/1)", () => {
    expect(codesAt(0)).toEqual(["info:due_soon"]);
    expect(codesAt(1)).toEqual(["warning:overdue"]);
  });

  it("raises the R1 alert from 7 days late, not at 6", () => {
    expect(codesAt(6)).toEqual(["warning:overdue"]);
    expect(codesAt(7)).toEqual(["alert:reminder_due"]);
  });

  it("escalates from 30 days late, not at 29", () => {
    expect(codesAt(29)).toEqual(["alert:reminder_due"]);
    expect(codesAt(30)).toEqual(["critical:escalate"]);
    expect(codesAt(120)).toEqual(["critical:escalate"]);
  });

  it("calls management strictly above 10 000 € unpaid (9 999.99 / 10 000.00 / 10 000.01)", () => {
    expect(codesAt(1, "9999.99")).toEqual(["warning:overdue"]);
    expect(codesAt(1, "10000.00")).toEqual(["warning:overdue"]);
    expect(codesAt(1, "10000.01")).toEqual(["warning:overdue", "critical:large_unpaid"]);
  });

  it("does not call management for a large invoice that is not due yet", () => {
    expect(codesAt(-2, "50000.00")).toEqual(["info:due_soon"]);
  });

  it("looks at the outstanding amount, not the invoiced one", () => {
    const asOf = addDays(due, 3);
    const r = invoiceReceivable(inv("1", { dueDate: due, amountDue: "12000.00" }), [pay("1", "2000.00", "2026-03-01")], [], asOf);
    expect(invoiceAlerts(r, asOf).map((a) => a.code)).toEqual(["overdue"]);
  });

  it("raises nothing on a paid invoice", () => {
    const asOf = addDays(due, 40);
    const r = invoiceReceivable(inv("1", { dueDate: due, amountDue: "20000.00" }), [pay("1", "20000.00", "2026-03-01")], [], asOf);
    expect(invoiceAlerts(r, asOf)).toEqual([]);
  });

  it("keeps the alerts of a disputed invoice, flagged, and says so in French", () => {
    const asOf = addDays(due, 8);
    const [alert] = invoiceAlerts(invoiceReceivable(inv("1", { dueDate: due, disputed: true }), [], [], asOf), asOf);
    expect(alert).toMatchObject({ code: "reminder_due", disputed: true, daysOverdue: 8, daysUntilDue: -8 });
    expect(alert?.message).toBe("Facture F-1 (Acme) : 8 jours de retard, reste dû 1\u202f000,00\u00a0€ ; première relance (R1) à envoyer. Facture en litige.");
  });

  it("follows configured thresholds", () => {
    const asOf = addDays(due, 10);
    const r = invoiceReceivable(inv("1", { dueDate: due }), [], [], asOf);
    const thresholds = { dueSoonDays: 3, lateWarningDays: 1, reminderDays: 15, escalationDays: 45, managementAmount: "500.00" };
    expect(invoiceAlerts(r, asOf, thresholds).map((a) => a.code)).toEqual(["overdue", "large_unpaid"]);
  });

  it("raises the R1 alert from its own threshold even when the warning threshold is set later", () => {
    const thresholds = { dueSoonDays: 0, lateWarningDays: 10, reminderDays: 7, escalationDays: 30, managementAmount: "10000.00" };
    const at = (offset: number) => {
      const asOf = addDays(due, offset);
      return invoiceAlerts(invoiceReceivable(inv("1", { dueDate: due }), [], [], asOf), asOf, thresholds).map((a) => a.code);
    };
    expect(at(6)).toEqual([]);
    expect(at(8)).toEqual(["reminder_due"]);
    expect(at(30)).toEqual(["escalate"]);
  });
});

describe("receivableAlerts", () => {
  it("orders alerts most severe first, then the latest", () => {
    const asOf = "2026-04-30";
    const rs = [
      invoiceReceivable(inv("a", { dueDate: "2026-05-03" }), [], [], asOf),
      invoiceReceivable(inv("b", { dueDate: "2026-04-25" }), [], [], asOf),
      invoiceReceivable(inv("c", { dueDate: "2026-03-01" }), [], [], asOf),
      invoiceReceivable(inv("d", { dueDate: "2026-04-10" }), [], [], asOf),
    ];
    expect(receivableAlerts(rs, asOf).map((a) => `${a.number}:${a.code}`)).toEqual(["F-c:escalate", "F-d:reminder_due", "F-b:overdue", "F-a:due_soon"]);
  });
});
