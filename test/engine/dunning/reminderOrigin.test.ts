import { describe, expect, it } from "vitest";
import { reminderOrigins } from "../../../engine/dunning/reminderOrigin.js";

const due = "2026-10-01";

describe("reminderOrigins", () => {
  it("counts as automatic the reminders sent at the level and on the day the policy called for", () => {
    const origins = reminderOrigins(
      [
        { invoiceId: "1", level: "r1", date: "2026-10-08", dueDate: due }, // R1 at +7: policy
        { invoiceId: "1", level: "r2", date: "2026-10-16", dueDate: due }, // R2 at +15: policy
        { invoiceId: "2", level: "r3", date: "2026-10-20", dueDate: due }, // R3 without R1: forced
        { invoiceId: "3", level: "r1", date: "2026-10-05", dueDate: due }, // R1 before +7: forced
        { invoiceId: "4", level: "r1", date: "2026-10-12", dueDate: due }, // R1 sent late but still the level due: policy
      ],
      "2026-10-01",
      "2026-10-31",
    );
    expect(origins.automatic).toBe(3);
    expect(origins.manual).toBe(2);
    expect(origins.automaticPercent?.toString()).toBe("60");
  });

  it("uses reminders sent before the period as history but counts only those of the period", () => {
    const origins = reminderOrigins(
      [
        { invoiceId: "1", level: "r1", date: "2026-09-08", dueDate: "2026-09-01" },
        { invoiceId: "1", level: "r2", date: "2026-10-01", dueDate: "2026-09-01" },
      ],
      "2026-10-01",
      "2026-10-31",
    );
    expect([origins.automatic, origins.manual]).toEqual([1, 0]);
  });

  it("has no share when nothing was sent", () => {
    expect(reminderOrigins([], "2026-10-01", "2026-10-31")).toEqual({ automatic: 0, manual: 0, automaticPercent: null });
  });
});
