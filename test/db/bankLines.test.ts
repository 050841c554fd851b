import { readFileSync } from "node:fs";
import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseBankStatementCsv } from "../../db/bank/bankStatementCsv.js";
import { parseBankStatementCamt053 } from "../../db/bank/bankStatementCamt053.js";
import { importBankStatement } from "../../db/bank/importBankStatement.js";
import type { OpenedDatabase } from "../../db/connection.js";
import { linkBankLineToPayment, listBankLines, lockUnmatchedBankLine } from "../../db/repositories/bankLines.js";
import { auditLog, bankLines } from "../../db/schema/index.js";
import { verifyAuditChain } from "../../db/audit/verifyAuditChain.js";
import { testBackends } from "./backends.js";
import { issueSimple, seedBasics } from "./fixtures.js";
import { recordPayment } from "../../db/repositories/recordPayment.js";
import { Decimal } from "../../engine/money/money.js";

const CSV = readFileSync(new URL("../fixtures/bank/releve-novembre.csv", import.meta.url), "utf8");
const CAMT = readFileSync(new URL("../fixtures/bank/releve-novembre.camt053.xml", import.meta.url), "utf8");
const NOW = new Date("2026-12-01T08:00:00Z");

async function storedLines(h: OpenedDatabase) {
  const rows = await h.db.select().from(bankLines).orderBy(asc(bankLines.id));
  return rows.map((r) => [r.account, r.bookingDate, r.amount, r.label, r.paymentId]);
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a refusal");
}

describe.each(testBackends())("importBankStatement — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("stores every line with its amount to the cent, identical lines twice, and audits the import", async () => {
    const result = await importBankStatement(h.db, { statement: parseBankStatementCsv(CSV, "releve-novembre.csv"), fileName: "releve-novembre.csv", actor: "farid", now: NOW });
    expect(result).toEqual({ account: "principal", batch: "releve-novembre.csv 2026-12-01T08:00:00.000Z", read: 8, inserted: 8, alreadyImported: 0, from: "2026-10-31", to: "2026-11-28" });
    expect(await storedLines(h)).toEqual([
      ["principal", "2026-10-31", "12000.00", "VIR SEPA BETA CONSEIL F-2026-00003", null],
      ["principal", "2026-11-03", "1200.00", "VIR SEPA ACME INDUSTRIE FACT F-2026-00001", null],
      ["principal", "2026-11-05", "-1254.00", "PRLV SEPA URSSAF", null],
      ["principal", "2026-11-12", "120.00", "VIREMENT BETA CONSEIL", null],
      ["principal", "2026-11-18", "300.00", "VIR 4471", null],
      ["principal", "2026-11-20", "250.00", "ACME F 2026 00002 ACOMPTE", null],
      ["principal", "2026-11-28", "-8.50", "FRAIS TENUE DE COMPTE", null],
      ["principal", "2026-11-28", "-8.50", "FRAIS TENUE DE COMPTE", null],
    ]);
    const audit = await h.db.select().from(auditLog);
    expect(audit.map((a) => [a.actor, a.channel, a.action, a.details])).toEqual([
      ["farid", "import", "bank_statement_imported", { account: "principal", file: "releve-novembre.csv", read: 8, inserted: 8, from: "2026-10-31", to: "2026-11-28" }],
    ]);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it("changes nothing when the same statement is imported again, and adds only the new lines of an overlapping one", async () => {
    const statement = parseBankStatementCsv(CSV, "releve-novembre.csv");
    await importBankStatement(h.db, { statement, fileName: "releve-novembre.csv", actor: "farid", now: NOW });
    const before = { lines: await storedLines(h), audit: (await h.db.select().from(auditLog)).length };
    const again = await importBankStatement(h.db, { statement, fileName: "releve-novembre.csv", actor: "farid" });
    expect(again).toMatchObject({ read: 8, inserted: 0, alreadyImported: 8 });
    expect({ lines: await storedLines(h), audit: (await h.db.select().from(auditLog)).length }).toEqual(before);

    const overlapping = parseBankStatementCsv("Date;Libellé;Montant\n28/11/2026;FRAIS TENUE DE COMPTE;-8,50\n01/12/2026;VIR NOUVEAU;75,00\n", "releve-decembre.csv");
    const next = await importBankStatement(h.db, { statement: overlapping, fileName: "releve-decembre.csv", actor: "farid" });
    expect(next).toMatchObject({ read: 2, inserted: 1, alreadyImported: 1 });
    expect((await storedLines(h)).slice(8)).toEqual([["principal", "2026-12-01", "75.00", "VIR NOUVEAU", null]]);
  });

  it("refuses the whole statement when one line is unusable, storing nothing", async () => {
    const { lines } = parseBankStatementCsv(CSV, "releve-novembre.csv");
    const statement = { account: null, lines: [...lines, { ...lines[1]!, amount: "0.00", source: "releve-novembre.csv ligne 13" }] };
    expect(await refusal(importBankStatement(h.db, { statement, fileName: "releve-novembre.csv", actor: "t" }))).toBe("releve-novembre.csv ligne 13 : montant nul");
    expect(await h.db.select().from(bankLines)).toEqual([]);
    expect(await h.db.select().from(auditLog)).toEqual([]);
  });

  it("keeps lines of different accounts apart, and takes the IBAN of a CAMT.053 file", async () => {
    const statement = parseBankStatementCsv(CSV, "releve-novembre.csv");
    await importBankStatement(h.db, { statement, fileName: "a.csv", actor: "t", account: "Banque Populaire" });
    const other = await importBankStatement(h.db, { statement, fileName: "a.csv", actor: "t", account: "Crédit Mutuel" });
    expect(other.inserted).toBe(8);
    const camt = await importBankStatement(h.db, { statement: parseBankStatementCamt053(CAMT, "r.xml"), fileName: "r.xml", actor: "t" });
    expect(camt).toMatchObject({ account: "FR7630006000011234567890189", inserted: 2 });
    expect(await refusal(importBankStatement(h.db, { statement: parseBankStatementCamt053(CAMT, "r.xml"), fileName: "r.xml", actor: "t", account: "FR76 9999" }))).toBe(
      "--account : le fichier est le relevé du compte FR7630006000011234567890189, pas de FR76 9999",
    );
    expect(await h.db.select().from(bankLines)).toHaveLength(18);
  });

  it("lists by period, account, credits only and unmatched only; links a line to one payment only", async () => {
    await importBankStatement(h.db, { statement: parseBankStatementCsv(CSV, "r.csv"), fileName: "r.csv", actor: "t" });
    const november = await listBankLines(h.db, { from: "2026-11-01", to: "2026-11-30", creditsOnly: true, unmatchedOnly: true });
    expect(november.map((l) => l.amount)).toEqual(["1200.00", "120.00", "300.00", "250.00"]);
    expect(await listBankLines(h.db, { account: "autre" })).toEqual([]);

    const { client } = await seedBasics(h.db);
    const invoice = await issueSimple(h.db, client.id, "2026-10-01", "1000.00");
    const payment = await recordPayment(h.db, { clientId: client.id, amount: new Decimal("1200.00"), receivedOn: "2026-11-03", method: "transfer", allocations: [{ invoiceId: invoice.id, amount: new Decimal("1200.00") }], actor: "t", channel: "test" });
    const line = november[0]!;
    await h.db.transaction(async (tx) => {
      await lockUnmatchedBankLine(tx, line.id);
      await linkBankLineToPayment(tx, line.id, payment.paymentId);
    });
    expect((await listBankLines(h.db, { from: "2026-11-01", to: "2026-11-30", creditsOnly: true, unmatchedOnly: true })).map((l) => l.amount)).toEqual(["120.00", "300.00", "250.00"]);
    expect(await refusal(h.db.transaction((tx) => lockUnmatchedBankLine(tx, line.id)))).toBe(`bankLineId : la ligne de relevé ${line.id} est déjà rapprochée du paiement n° ${payment.paymentId}`);
    expect(await refusal(h.db.transaction((tx) => linkBankLineToPayment(tx, line.id, payment.paymentId + 1)))).toMatch(/déjà rapprochée/);
    expect(await refusal(h.db.transaction((tx) => lockUnmatchedBankLine(tx, 999_999)))).toBe("bankLineId : ligne de relevé 999999 introuvable");
  });
});
