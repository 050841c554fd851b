import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import { demoImportFile } from "../../../db/demo/demoImportFile.js";
import { ensureDemoData, isDatabaseEmpty, loadDemoData } from "../../../db/demo/ensureDemoData.js";
import { checkLedger } from "../../../db/ledger/checkLedger.js";
import { getInvoice, listInvoices } from "../../../db/repositories/invoiceQueries.js";
import { nextNumberOf } from "../../../db/numbering/takeNextNumber.js";
import { billedScheduleItems, clients, contracts, events, invoices, numberingSeries, projects, reminders } from "../../../db/schema/index.js";
import { addDays, daysBetween, endOfMonth, type IsoDate } from "../../../engine/dates/plainDate.js";
import { RuleError } from "../../../engine/errors.js";
import { pgliteBackend, testBackends } from "../backends.js";
import { databaseState } from "../import/databaseState.js";

import { DEMO_TODAY as TODAY } from "./demoDay.js";

/** Open invoices whose due date is past, with their days overdue, sorted. */
async function overdueDays(h: OpenedDatabase, today: string) {
  const open = await listInvoices(h.db, { overdueAsOf: today, kind: ["invoice", "deposit"] });
  return open.map((i) => ({ number: i.number, days: daysBetween(i.dueDate ?? today, today), client: i.clientId })).sort((a, b) => a.days - b.days);
}

describe("demoImportFile", () => {
  it("computes the same file for the same day (no clock inside)", () => {
    expect(demoImportFile(TODAY)).toEqual(demoImportFile(TODAY));
  });

  it("places the named invoice numbers whatever the day in the second half of the year", () => {
    for (const today of ["2026-07-01", TODAY, "2026-12-31"]) {
      const numbers = demoImportFile(today).history?.invoices?.map((i) => i.number) ?? [];
      const year = today.slice(0, 4);
      expect(numbers).toEqual(expect.arrayContaining([`F-${year}-0007`, `F-${year}-0018`, `F-${year}-0031`, `F-${year}-0042`]));
    }
  });
});

/** The days around a year rollover and every month's last and first day of a year, leap day included. */
function calendarEdges(): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = "2026-12-20"; day <= "2027-01-12"; day = addDays(day, 1)) days.push(day);
  for (let month = 1; month <= 12; month++) {
    const last = endOfMonth(`2027-${String(month).padStart(2, "0")}-01`);
    days.push(last, addDays(last, 1));
  }
  return [...days, "2028-02-28", "2028-02-29", "2028-03-01"];
}

describe("demoImportFile on any day", () => {
  it("numbers each year's series from 1 without a gap, dates every document and payment before the day, whatever the day", () => {
    for (const today of calendarEdges()) {
      const { history } = demoImportFile(today);
      const counters = new Map<string, number[]>();
      for (const doc of history?.invoices ?? []) {
        const match = /^(F|AV)-(\d{4})-(\d{4})$/.exec(doc.number);
        expect(match, `${today} ${doc.number}`).not.toBeNull();
        const [, series, year, counter] = match ?? [];
        expect(year, `${today} ${doc.number} dated ${doc.issueDate}`).toBe(doc.issueDate.slice(0, 4));
        expect(doc.issueDate < today, `${today} ${doc.number} dated ${doc.issueDate}`).toBe(true);
        counters.set(`${series}-${year}`, [...(counters.get(`${series}-${year}`) ?? []), Number(counter)]);
      }
      for (const [series, values] of counters) {
        expect([...values].sort((a, b) => a - b), `${today} ${series}`).toEqual(values.map((_, i) => i + 1));
      }
      for (const payment of history?.payments ?? []) expect(payment.date < today, `${today} payment ${payment.ref}`).toBe(true);
    }
  });

  it("spreads the history over two years early in the year, keeping both series", () => {
    const numbers = (demoImportFile("2027-02-28").history?.invoices ?? []).map((i) => i.number);
    expect(numbers.filter((n) => n.startsWith("F-2026-")).length).toBeGreaterThan(0);
    expect(numbers.filter((n) => n.startsWith("F-2027-")).length).toBeGreaterThan(0);
    expect(numbers).toContain("F-2027-0001");
  });
});

describe("demo data loaded at a year rollover and at month ends (PGlite)", () => {
  for (const [today, seriesPeriod, next] of [
    ["2027-01-04", "2026", "F-2027-0001"],
    ["2027-02-28", "2027", undefined],
    ["2027-03-01", "2027", undefined],
  ] as const) {
    it(`${today}: imports, checks clean, and the next invoice follows the day's series (${next ?? "after the year's last one"})`, async () => {
      const h = await pgliteBackend.fresh();
      try {
        await loadDemoData(h.db, today);
        expect((await checkLedger(h.db)).problems).toEqual([]);
        const [series] = await h.db.select().from(numberingSeries).where(eq(numberingSeries.id, "F"));
        expect(series?.period).toBe(seriesPeriod);
        const yearNumbers = (await h.db.select({ number: invoices.number }).from(invoices))
          .map((i) => i.number ?? "")
          .filter((n) => n.startsWith(`F-${today.slice(0, 4)}-`))
          .sort();
        const expected = next ?? `F-${today.slice(0, 4)}-${String(yearNumbers.length + 1).padStart(4, "0")}`;
        expect(nextNumberOf(series!, today).number).toBe(expected);
        expect(await overdueDays(h, today)).toHaveLength(5);
      } finally {
        await h.close();
      }
    }, 180_000);
  }
});

describe.each(testBackends())("demo data — $name", (backend) => {
  let h: OpenedDatabase;
  beforeAll(async () => {
    h = await backend.fresh();
    expect(await isDatabaseEmpty(h.db)).toBe(true);
    expect(await ensureDemoData(h.db, TODAY)).toBe(true);
  }, 180_000);
  afterAll(async () => {
    await h.close();
  });

  it("has five invoices overdue by 3, 10, 20, 40 and 70 days as of the given day", async () => {
    const overdue = await overdueDays(h, TODAY);
    expect(overdue.map((o) => o.days)).toEqual([3, 10, 20, 40, 70]);
    expect(overdue.map((o) => o.number)).toEqual(["F-2026-0029", "F-2026-0027", "F-2026-0024", "F-2026-0018", "F-2026-0007"]);
  });

  it("gives the named numbers to the invoices the example requests mean", async () => {
    const kiwi = await getInvoice(h.db, "F-2026-0007");
    const martin = await getInvoice(h.db, "F-2026-0018");
    const hosting = await getInvoice(h.db, "F-2026-0031");
    const paid = await getInvoice(h.db, "F-2026-0042");
    const clientName = async (id: number) => (await h.db.select().from(clients).where(eq(clients.id, id)))[0]?.name;
    expect(await clientName(kiwi.invoice.clientId)).toBe("Kiwi Mobile");
    expect(kiwi.invoice.amountDue.toFixed(2)).toBe("10800.00");
    expect(kiwi.reminders.map((r) => r.level)).toEqual([1, 2]);
    expect(await clientName(martin.invoice.clientId)).toBe("Boulangerie Martin");
    expect(martin.reminders.map((r) => [r.level, r.remindedOn])).toEqual([[1, "2026-10-23"]]);
    expect(await clientName(hosting.invoice.clientId)).toBe("Acme Industries");
    expect([hosting.invoice.amountDue.toFixed(2), hosting.invoice.status, hosting.invoice.dueDate]).toEqual(["1800.00", "sent", "2026-11-30"]);
    expect([paid.invoice.status, paid.payments.map((p) => p.receivedOn)]).toEqual(["paid", ["2026-11-22"]]);
  });

  it("holds the projects the example requests name, in every billing model", async () => {
    const names = (await h.db.select({ name: projects.name }).from(projects)).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(["Refonte du site Acme", "Atlas", "Appli Kiwi", "Nexa — assistance technique (régie)", "Plateforme Nexa (forfait et maintenance)", "Bilan de compétences — Dupont", "Résidence Les Tilleuls — maîtrise d'œuvre"]),
    );
    const pricing = (await h.db.select({ pricing: contracts.pricing }).from(contracts)).map((c) => c.pricing.type);
    expect(new Set(pricing)).toEqual(new Set(["flat", "rate", "lots"]));
    const tilleuls = (await h.db.select().from(contracts).where(eq(contracts.ref, "residence-tilleuls")))[0];
    expect((tilleuls?.pricing as { lots: { name: string }[] }).lots.map((l) => l.name)).toEqual(["Gros œuvre", "Second œuvre"]);
  });

  it("leaves Atlas at its first milestone: the mockups are not recorded yet", async () => {
    const [atlas] = await h.db.select().from(contracts).where(eq(contracts.ref, "atlas"));
    const billed = await h.db.select().from(billedScheduleItems).where(eq(billedScheduleItems.contractId, atlas?.id ?? 0));
    expect(billed.map((b) => b.itemIndex)).toEqual([0]);
    const states = await h.db.select().from(events).where(and(eq(events.contractId, atlas?.id ?? 0), eq(events.type, "state")));
    expect(states).toEqual([]);
  });

  it("has a deposit, a final invoice deducting it, a credit note and a partial payment", async () => {
    const [refonte] = await h.db.select().from(contracts).where(eq(contracts.ref, "refonte-acme"));
    const docs = await h.db.select().from(invoices).where(eq(invoices.contractId, refonte?.id ?? 0)).orderBy(asc(invoices.issueDate));
    expect(docs.map((d) => [d.kind, d.netAmount, d.amountDue])).toEqual([
      ["deposit", "3600.00", "4320.00"],
      ["invoice", "4800.00", "5760.00"],
    ]);
    const final = await getInvoice(h.db, docs[1]?.number ?? "");
    expect(final.lines.map((l) => [l.net.toFixed(2), l.deductsInvoiceId])).toEqual([
      ["8400.00", null],
      ["-3600.00", docs[0]?.id],
    ]);
    expect([final.invoice.status, final.invoice.amountPaid.toFixed(2)]).toEqual(["partially_paid", "2000.00"]);
    const credit = await h.db.select().from(invoices).where(eq(invoices.kind, "credit_note"));
    expect(credit.map((c) => [c.number, c.amountDue])).toEqual([["AV-2026-0001", "-780.00"]]);
    const corrected = await getInvoice(h.db, credit[0]?.correctsInvoiceId ?? 0);
    expect(corrected.invoice.status).toBe("paid");
    expect(corrected.invoice.amountPaid.plus(780).equals(corrected.invoice.amountDue)).toBe(true);
  });

  it("keeps this month's régie days unbilled for the month-end preparation", async () => {
    const [regie] = await h.db.select().from(contracts).where(eq(contracts.ref, "nexa-regie"));
    const work = await h.db.select().from(events).where(and(eq(events.contractId, regie?.id ?? 0), eq(events.type, "action")));
    const unbilled = work.filter((e) => e.billedInvoiceId === null);
    expect(unbilled.length).toBeGreaterThan(0);
    expect(unbilled.every((e) => e.occurredOn >= "2026-11-01")).toBe(true);
    expect(work.filter((e) => e.occurredOn < "2026-11-01").every((e) => e.billedInvoiceId !== null)).toBe(true);
  });

  it("passes the ledger check: balanced entries, invoices and payments matching their entries, audit chain intact", async () => {
    const report = await checkLedger(h.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts.invoices).toBe(43);
  });

  it("refuses to load over existing data, changing nothing", async () => {
    const before = await databaseState(h.db);
    await expect(loadDemoData(h.db, TODAY)).rejects.toBeInstanceOf(RuleError);
    expect(await ensureDemoData(h.db, TODAY)).toBe(false);
    expect(await databaseState(h.db)).toEqual(before);
  });

  it("has reminders only on overdue invoices", async () => {
    const rows = await h.db.select({ invoiceId: reminders.invoiceId }).from(reminders);
    const overdue = new Set((await listInvoices(h.db, { overdueAsOf: TODAY, kind: ["invoice", "deposit"] })).map((i) => i.id));
    expect(rows.every((r) => overdue.has(r.invoiceId))).toBe(true);
    expect(await h.db.select().from(invoices).where(inArray(invoices.status, ["draft"]))).toEqual([]);
  });
});
