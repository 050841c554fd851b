import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../db/audit/verifyAuditChain.js";
import type { OpenedDatabase } from "../../db/connection.js";
import { createDraftInvoice } from "../../db/repositories/invoiceDrafts.js";
import { getInvoice, listInvoices } from "../../db/repositories/invoiceQueries.js";
import { issueInvoice } from "../../db/repositories/issueInvoice.js";
import { auditLog, billedScheduleItems, invoices, ledgerEntries, ledgerLines, numberingSeries } from "../../db/schema/index.js";
import { RuleError } from "../../engine/errors.js";
import { testBackends } from "./backends.js";
import { issueSimple, line, seedBasics } from "./fixtures.js";

async function counts(h: OpenedDatabase) {
  const [inv, entries, lines, audit, series] = await Promise.all([
    h.db.select().from(invoices),
    h.db.select().from(ledgerEntries),
    h.db.select().from(ledgerLines),
    h.db.select().from(auditLog),
    h.db.select().from(numberingSeries),
  ]);
  return {
    issued: inv.filter((i) => i.status !== "draft").length,
    entries: entries.length,
    lines: lines.length,
    audit: audit.length,
    series: series.map((s) => [s.id, s.lastValue, s.lastNumber]),
  };
}

describe.each(testBackends())("issueInvoice — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("numbers, snapshots, posts and audits the invoice in one go", async () => {
    const { client } = await seedBasics(h.db);
    const { invoice: draft } = await createDraftInvoice(h.db, {
      kind: "invoice",
      clientId: client.id,
      issueDate: "2026-03-10",
      lines: [line("1234.56"), line("0.01")],
      createdBy: "marie",
    });
    expect(draft.number).toBeNull();
    const { invoice } = await issueInvoice(h.db, { invoiceId: draft.id, actor: "marie", channel: "cli" });
    expect(invoice.number).toBe("F-2026-00001");
    expect(invoice.status).toBe("issued");
    expect(invoice.dueDate).toBe("2026-04-09");
    expect(invoice.netAmount.toFixed(2)).toBe("1234.57");
    expect(invoice.vatAmount.toFixed(2)).toBe("246.91");
    expect(invoice.amountDue.toFixed(2)).toBe("1481.48");
    expect(invoice.buyerSnapshot?.legalName).toBe("Acme Industrie");
    expect(invoice.sellerSnapshot?.siren).toBe("812345678");
    const lines = await h.db.select().from(ledgerLines);
    expect(lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([
      ["411", "1481.48", "0.00"],
      ["44574", "0.00", "246.91"],
      ["706", "0.00", "1234.57"],
    ]);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it("leaves nothing behind when a failure happens after the number is taken", async () => {
    const { client } = await seedBasics(h.db);
    await issueSimple(h.db, client.id, "2026-03-01");
    const before = await counts(h);
    const { invoice: draft } = await createDraftInvoice(h.db, { kind: "invoice", clientId: client.id, issueDate: "2026-03-02", lines: [line("50.00")], createdBy: "t" });
    let taken = "";
    await expect(
      issueInvoice(h.db, {
        invoiceId: draft.id,
        actor: "t",
        channel: "test",
        afterNumber: (n) => {
          taken = n;
          throw new Error("panne simulée");
        },
      }),
    ).rejects.toThrow("panne simulée");
    expect(taken).toBe("F-2026-00002");
    expect(await counts(h)).toEqual(before);
    const reloaded = await getInvoice(h.db, draft.id);
    expect(reloaded.invoice.status).toBe("draft");
    expect(reloaded.invoice.number).toBeNull();
    const again = await issueInvoice(h.db, { invoiceId: draft.id, actor: "t", channel: "test" });
    expect(again.invoice.number).toBe("F-2026-00002");
  });

  it("numbers gaplessly per series and keeps credit notes in their own series", async () => {
    const { client } = await seedBasics(h.db);
    const first = await issueSimple(h.db, client.id, "2026-01-05");
    const second = await issueSimple(h.db, client.id, "2026-01-06");
    const { invoice: cnDraft } = await createDraftInvoice(h.db, {
      kind: "credit_note",
      clientId: client.id,
      issueDate: "2026-01-07",
      lines: [line("-100.00")],
      correctsInvoiceId: first.id,
      correctionReason: "Erreur de quantité",
      createdBy: "t",
    });
    const cn = await issueInvoice(h.db, { invoiceId: cnDraft.id, actor: "t", channel: "test" });
    const third = await issueSimple(h.db, client.id, "2027-01-02");
    expect([first.number, second.number, cn.invoice.number, third.number]).toEqual(["F-2026-00001", "F-2026-00002", "AV-2026-00001", "F-2027-00001"]);
  });

  it("refuses an issue date before the series' last one and changes nothing", async () => {
    const { client } = await seedBasics(h.db);
    await issueSimple(h.db, client.id, "2026-03-10");
    const before = await counts(h);
    const { invoice: draft } = await createDraftInvoice(h.db, { kind: "invoice", clientId: client.id, issueDate: "2026-03-09", lines: [line("10.00")], createdBy: "t" });
    const error = await issueInvoice(h.db, { invoiceId: draft.id, actor: "t", channel: "test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).code).toBe("not_chronological");
    expect(await counts(h)).toEqual(before);
  });

  it("refuses to invoice the same milestone twice", async () => {
    const { client, contract } = await seedBasics(h.db);
    await issueSimple(h.db, client.id, "2026-02-01", "3000.00", { kind: "deposit", contractId: contract.id, lines: [line("3000.00", { scheduleItemIndex: 0 })] });
    const before = await counts(h);
    const { invoice: draft } = await createDraftInvoice(h.db, {
      kind: "deposit",
      clientId: client.id,
      contractId: contract.id,
      issueDate: "2026-02-02",
      lines: [line("3000.00", { scheduleItemIndex: 0 })],
      createdBy: "t",
    });
    const error = await issueInvoice(h.db, { invoiceId: draft.id, actor: "t", channel: "test" }).catch((e: unknown) => e);
    expect((error as RuleError).code).toBe("already_invoiced");
    expect(await counts(h)).toEqual(before);
    expect(await h.db.select().from(billedScheduleItems)).toHaveLength(1);
  });

  it("returns the first result when the same idempotency key issues again", async () => {
    const { client } = await seedBasics(h.db);
    const { invoice: draft } = await createDraftInvoice(h.db, { kind: "invoice", clientId: client.id, issueDate: "2026-03-02", lines: [line("10.00")], createdBy: "t" });
    const first = await issueInvoice(h.db, { invoiceId: draft.id, actor: "t", channel: "test", idempotencyKey: "pa_1" });
    const second = await issueInvoice(h.db, { invoiceId: draft.id, actor: "t", channel: "test", idempotencyKey: "pa_1" });
    expect(second.replayed).toBe(true);
    expect(second.invoice.number).toBe(first.invoice.number);
    expect(await listInvoices(h.db, { status: ["issued"] })).toHaveLength(1);
    expect(await h.db.select().from(ledgerEntries)).toHaveLength(1);
  });
});
