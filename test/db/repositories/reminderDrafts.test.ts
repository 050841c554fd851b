import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { claimDraftedReminder, draftReminder, recordReminderDelivery } from "../../../db/repositories/reminderDrafts.js";
import { dunningLevelOfColumn, REMINDER_LEVEL_COLUMN } from "../../../db/repositories/reminderLevelColumn.js";
import { auditLog, reminders } from "../../../db/schema/index.js";
import { testBackends } from "../backends.js";
import { issueSimple, line, seedBasics } from "../fixtures.js";

const base = { remindedOn: "2026-03-20", recipient: "compta@acme.example", subject: "Relance", actor: "claire", channel: "test" } as const;

describe("reminderLevelColumn", () => {
  it("maps every dunning level to 0–4 and back", () => {
    for (const [level, column] of Object.entries(REMINDER_LEVEL_COLUMN)) expect(dunningLevelOfColumn(column)).toBe(level);
    expect(dunningLevelOfColumn(5)).toBeUndefined();
  });
});

describe.each(testBackends())("reminder drafts — $name", (backend) => {
  let h: OpenedDatabase;
  let invoiceId: number;
  let clientId: number;
  beforeEach(async () => {
    h = await backend.fresh();
    const { client } = await seedBasics(h.db);
    clientId = client.id;
    invoiceId = (await issueSimple(h.db, client.id, "2026-02-10", "500.00")).id;
  });
  afterEach(async () => {
    await h.close();
  });

  describe("draftReminder", () => {
    it("stores a pre-due reminder as level 0 (migration 0002) and the database still refuses level 5", async () => {
      const { reminder, outcome } = await draftReminder(h.db, { ...base, invoiceId, level: "pre_due" });
      expect(outcome).toBe("created");
      expect(reminder).toMatchObject({ level: 0, status: "drafted" });
      await expect(h.db.insert(reminders).values({ invoiceId, level: 5, remindedOn: "2026-03-20", recipient: "x@y.fr", subject: "s", createdBy: "t" })).rejects.toThrow();
    });

    it("refuses a draft invoice and stores nothing", async () => {
      const draft = await createDraftInvoice(h.db, { kind: "invoice", clientId, issueDate: "2026-03-20", lines: [line("10.00")], createdBy: "t" });
      await expect(draftReminder(h.db, { ...base, invoiceId: draft.invoice.id, level: "r1" })).rejects.toThrow("un brouillon de facture ne se relance pas");
      expect(await h.db.select().from(reminders)).toEqual([]);
    });
  });

  describe("claimDraftedReminder", () => {
    it("claims a draft exactly once when two executions race, and records the delivery with an audit row", async () => {
      const { reminder } = await draftReminder(h.db, { ...base, invoiceId, level: "r1" });
      const at = new Date("2026-03-21T08:00:00Z");
      const claims = await Promise.allSettled(
        [1, 2].map(() => h.db.transaction((tx) => claimDraftedReminder(tx, { reminderId: reminder.id, sentOn: "2026-03-21", recipient: base.recipient, subject: "Relance R1", at }))),
      );
      expect(claims.filter((c) => c.status === "fulfilled")).toHaveLength(1);
      const refused = claims.find((c) => c.status === "rejected");
      expect(refused?.status === "rejected" && (refused.reason as Error).message).toBe(`reminderId : la relance ${reminder.id} a déjà été envoyée le 21/03/2026`);
      await recordReminderDelivery(h.db, { reminderId: reminder.id, messageId: "<m@x>", route: "outbox", actor: "farid", channel: "cli", pendingActionId: "p-1", at });
      const [row] = await h.db.select().from(reminders);
      expect(row).toMatchObject({ status: "sent", remindedOn: "2026-03-21", subject: "Relance R1", messageReference: "<m@x>", sentAt: at });
      const audit = await h.db.select().from(auditLog).orderBy(asc(auditLog.seq));
      expect(audit.at(-1)).toMatchObject({ action: "reminder_sent", actor: "farid", pendingActionId: "p-1", subjectId: String(reminder.id) });
    });
  });
});
