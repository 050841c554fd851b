import { sql } from "drizzle-orm";
import type postgres from "postgres";
import { addDays, type IsoDate, startOfMonth } from "../engine/dates/plainDate.js";
import { Decimal, toAmountString } from "../engine/money/money.js";
import { vatOf } from "../engine/vat/vatBreakdown.js";
import type { Database } from "../db/database.js";
import { saveSellerSettings } from "../db/repositories/seller.js";
import { clients, contracts, events, invoices, paymentAllocations, payments, projects } from "../db/schema/index.js";
import { bulkInsert, resyncIdentity } from "./bulkInsert.js";

export interface BenchSize {
  readonly projects: number;
  readonly invoices: number;
  readonly timeEntries: number;
}

export const FULL_SIZE: BenchSize = { projects: 10_000, invoices: 200_000, timeEntries: 1_000_000 };

/** Deterministic pseudo-random numbers (mulberry32), so every run generates the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLIENTS_PER_PROJECTS = 5;
/** Two projects in five are régie (rate per day), billed monthly; the others forfaits. */
export const isRegie = (projectId: number) => projectId % 5 < 2;

export interface GeneratedCounts {
  readonly clients: number;
  readonly projects: number;
  readonly invoices: number;
  readonly payments: number;
  readonly timeEntries: number;
}

/**
 * Fills an empty migrated database with a synthetic company, through the drizzle schema (COPY on
 * PostgreSQL, multi-row INSERTs on PGlite): clients, projects with one contract each (régie or
 * forfait), issued invoices spread over the last 20 months with their payments (most paid, some
 * partially, the recent ones open, 1 % disputed), and time entries on the régie contracts — billed
 * before the current month, unbilled in it (what the month-end preparation bills).
 */
export async function generateBenchData(target: { db: Database; copy?: postgres.Sql | undefined }, size: BenchSize, today: IsoDate): Promise<GeneratedCounts> {
  const rnd = random(42);
  const { db } = target;
  await saveSellerSettings(db, {
    legalName: "Banc d'essai SAS",
    siren: "734640972",
    addressLine1: "1 rue du Banc",
    postalCode: "69001",
    city: "Lyon",
  });
  const clientCount = Math.max(1, Math.floor(size.projects / CLIENTS_PER_PROJECTS));
  const now = new Date(`${today}T08:00:00Z`);
  await bulkInsert(
    target,
    clients,
    Array.from({ length: clientCount }, (_, i) => ({ id: i + 1, ref: `c${i + 1}`, name: `Client ${i + 1}`, addressLine1: `${i + 1} rue du Commerce`, postalCode: "69002", city: "Lyon", billingContacts: [{ email: `compta${i + 1}@client.example` }], createdAt: now })),
  );
  await bulkInsert(
    target,
    projects,
    Array.from({ length: size.projects }, (_, i) => ({ id: i + 1, ref: `p${i + 1}`, clientId: (i % clientCount) + 1, name: `Projet ${i + 1}`, createdAt: now })),
  );
  await bulkInsert(
    target,
    contracts,
    Array.from({ length: size.projects }, (_, i) => {
      const id = i + 1;
      return isRegie(id)
        ? { id, ref: `k${id}`, projectId: id, name: "Régie", pricing: { type: "rate", rate: `${400 + (id % 9) * 50}.00`, unit: "day" }, schedule: [{ label: "Prestations du mois", bill: { realized: "summary" }, trigger: { on: "end_of_month" }, deductible: false, closing: false }], createdAt: now }
        : {
            id,
            ref: `k${id}`,
            projectId: id,
            name: "Forfait",
            pricing: { type: "flat", amount: `${5000 + (id % 46) * 1000}.00` },
            schedule: [
              { bill: { percent: "30" }, trigger: { on: "signature" }, deductible: false, closing: false },
              { bill: { percent: "70" }, trigger: { on: "state", name: "livré" }, deductible: false, closing: true },
            ],
            createdAt: now,
          };
    }),
  );

  // Invoices: `perProject` per project, one every 30 days back from today.
  const perProject = Math.max(1, Math.round(size.invoices / size.projects));
  const invoiceRows: (typeof invoices.$inferInsert)[] = [];
  const paymentRows: (typeof payments.$inferInsert)[] = [];
  const allocationRows: (typeof paymentAllocations.$inferInsert)[] = [];
  const seller = { legalName: "Banc d'essai SAS", address: { line1: "1 rue du Banc", postalCode: "69001", city: "Lyon", countryCode: "FR" }, latePenaltyRate: "12.15", recoveryFee: "40.00", vatOnDebits: false };
  for (let p = 1; p <= size.projects; p++) {
    const clientId = ((p - 1) % clientCount) + 1;
    for (let k = 0; k < perProject; k++) {
      const id = (p - 1) * perProject + k + 1;
      const issueDate = addDays(today, -((perProject - k) * 30) + 1 + Math.floor(rnd() * 25));
      const dueDate = addDays(issueDate, 30);
      const net = new Decimal(500 + Math.floor(rnd() * 19_500)).plus(new Decimal(Math.floor(rnd() * 100)).dividedBy(100));
      const vat = vatOf(net, "20");
      const due = net.plus(vat);
      const age = (perProject - k) * 30;
      const roll = rnd();
      const paidShare = age > 90 ? (roll < 0.97 ? 1 : roll < 0.985 ? 0.5 : 0) : age > 45 ? (roll < 0.7 ? 1 : roll < 0.8 ? 0.5 : 0) : roll < 0.2 ? 1 : 0;
      const paid = paidShare === 1 ? due : paidShare === 0 ? new Decimal(0) : due.dividedBy(2).toDecimalPlaces(2);
      const payDate = addDays(issueDate, 15 + Math.floor(rnd() * 30));
      const payable = paidShare > 0 && payDate < today;
      invoiceRows.push({
        id,
        kind: "invoice",
        status: payable ? (paidShare === 1 ? "paid" : "partially_paid") : "sent",
        number: `H-${String(id).padStart(7, "0")}`,
        seriesId: "F",
        issueDate,
        dueDate,
        clientId,
        projectId: p,
        contractId: p,
        netAmount: toAmountString(net),
        vatAmount: toAmountString(vat),
        amountDue: toAmountString(due),
        amountPaid: payable ? toAmountString(paid) : "0.00",
        paymentTerms: { days: 30, endOfMonth: false },
        sellerSnapshot: seller,
        buyerSnapshot: { legalName: `Client ${clientId}`, address: { line1: `${clientId} rue du Commerce`, postalCode: "69002", city: "Lyon", countryCode: "FR" } },
        disputed: rnd() < 0.01,
        sentAt: new Date(`${issueDate}T09:00:00Z`),
        sentChannel: "email",
        createdBy: "bench",
        createdAt: new Date(`${issueDate}T08:00:00Z`),
        issuedBy: "bench",
        issuedAt: new Date(`${issueDate}T08:30:00Z`),
      });
      if (payable) {
        paymentRows.push({ id, ref: `pay${id}`, clientId, receivedOn: payDate, amount: toAmountString(paid), method: "transfer", recordedBy: "bench", recordedAt: new Date(`${payDate}T10:00:00Z`) });
        allocationRows.push({ id, paymentId: id, invoiceId: id, amount: toAmountString(paid) });
      }
    }
  }
  await bulkInsert(target, invoices, invoiceRows);
  await bulkInsert(target, payments, paymentRows);
  await bulkInsert(target, paymentAllocations, allocationRows);

  // Time entries on the régie contracts: billed before this month (by the contract's invoice), unbilled in it.
  const regie = Array.from({ length: size.projects }, (_, i) => i + 1).filter(isRegie);
  const monthStart = startOfMonth(today);
  const perContract = Math.ceil(size.timeEntries / Math.max(1, regie.length));
  let eventId = 0;
  let batch: (typeof events.$inferInsert)[] = [];
  for (const contractId of regie) {
    for (let j = 0; j < perContract && eventId < size.timeEntries; j++) {
      eventId++;
      // Most entries in the past 20 months, the last tenth in the current month.
      const date = j >= perContract * 0.9 ? addDays(monthStart, Math.floor(rnd() * 24)) : addDays(today, -30 - Math.floor(rnd() * (perProject * 30 - 30)));
      const billed = date < monthStart;
      batch.push({
        id: eventId,
        contractId,
        type: "action",
        occurredOn: date > addDays(today, -1) ? addDays(today, -1) : date,
        name: "Développement",
        quantity: rnd() < 0.5 ? "1" : "0.5",
        billedInvoiceId: billed ? (contractId - 1) * perProject + 1 : null,
        recordedBy: "bench",
        recordedAt: now,
      });
      if (batch.length >= 50_000) {
        await bulkInsert(target, events, batch);
        batch = [];
      }
    }
  }
  await bulkInsert(target, events, batch);
  for (const table of ["clients", "projects", "contracts", "invoices", "payments", "payment_allocations", "events"]) await resyncIdentity(db, table);
  await db.execute(sql.raw("analyze"));
  return { clients: clientCount, projects: size.projects, invoices: invoiceRows.length, payments: paymentRows.length, timeEntries: eventId };
}
