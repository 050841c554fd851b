import { describe, expect, it } from "vitest";
import { invoicingDelay } from "../../../engine/schedule/invoicingDelay.js";

describe("invoicingDelay", () => {
  it("averages the days from trigger to issue: (2 + 10 + 0) / 3 = 4", () => {
    const d = invoicingDelay([
      { invoiceId: "a", triggeredOn: "2026-03-01", issuedOn: "2026-03-03" },
      { invoiceId: "b", triggeredOn: "2026-03-31", issuedOn: "2026-04-10" },
      { invoiceId: "c", triggeredOn: "2026-05-02", issuedOn: "2026-05-01" }, // advance: 0
    ]);
    expect(d.averageDays?.toString()).toBe("4");
    expect([d.invoiceCount, d.maxDays]).toEqual([3, 10]);
  });

  it("is null without invoices", () => {
    expect(invoicingDelay([])).toEqual({ averageDays: null, invoiceCount: 0, maxDays: 0 });
  });
});
