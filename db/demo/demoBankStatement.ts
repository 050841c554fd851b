import { addDays, type IsoDate, maxDate, minDate, startOfMonth } from "../../engine/dates/plainDate.js";
import { type Decimal, ZERO, roundCents, toAmountString, toDecimal } from "../../engine/money/money.js";
import { receivablesAsOf } from "../../engine/receivables/receivablesAsOf.js";
import type { InvoiceReceivable } from "../../engine/receivables/invoiceReceivable.js";
import { parseBankStatementCsv } from "../bank/bankStatementCsv.js";
import { importBankStatement, type ImportBankStatementResult } from "../bank/importBankStatement.js";
import type { Database } from "../database.js";
import { listClients } from "../repositories/clients.js";
import { loadReceivablesSnapshot } from "../repositories/receivablesSnapshot.js";
import { DEMO_NAMED_NUMBERS } from "./demoImportFile.js";

const MONTHS = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"];

export interface DemoBankStatement {
  /** e.g. "releve-novembre-2026.csv". */
  readonly fileName: string;
  /** YYYY-MM: the month the statement covers (the month of yesterday). */
  readonly month: string;
  /** The statement as the bank would export it: `;`, comma decimals, dd/mm/yyyy. */
  readonly csv: string;
}

/** "1234.5" → "1 234,50", as a French bank writes it. */
function frenchAmount(value: Decimal): string {
  const [whole = "", cents = "00"] = toAmountString(value.abs()).split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${cents}`;
}

const frenchDate = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/**
 * The demo company's bank statement for the month of yesterday, built from what is open in the
 * database on `today`, so that « Rapproche le relevé bancaire de novembre » has something real to
 * match: a transfer citing an invoice number with its exact amount (strong match), a transfer naming
 * the client with the exact amount of another invoice (medium), a partial payment citing a number
 * (left to a human, with the explanation), and the usual debits (URSSAF, card, bank fees). The
 * invoices of the product's example requests (DEMO_NAMED_NUMBERS) are left alone.
 */
export async function demoBankStatement(db: Database, today: IsoDate): Promise<DemoBankStatement> {
  const end = addDays(today, -1);
  const start = startOfMonth(end);
  const month = end.slice(0, 7);
  const [snapshot, clientRows] = await Promise.all([loadReceivablesSnapshot(db), listClients(db)]);
  const names = new Map(clientRows.map((c) => [String(c.id), c.name]));
  const named = new Set<number>(Object.values(DEMO_NAMED_NUMBERS));
  const sequence = (n: string) => Number.parseInt(n.replace(/^.*\D/, ""), 10);
  const open = receivablesAsOf(snapshot.documents, snapshot.allocations, today).filter((r) => r.outstanding.greaterThan(ZERO));
  const candidates = open
    .filter((r) => r.issueDate < end && !named.has(sequence(r.number)))
    .sort((a, b) => (a.issueDate === b.issueDate ? a.number.localeCompare(b.number) : a.issueDate < b.issueDate ? 1 : -1));
  const clientOf = (r: InvoiceReceivable) => (r.clientName ?? names.get(r.clientId) ?? "").toUpperCase();
  const dateFor = (r: InvoiceReceivable, offset: number) => minDate(end, maxDate(addDays(start, offset), addDays(r.issueDate, 3)));

  type Line = { date: IsoDate; label: string; debit?: Decimal; credit?: Decimal };
  const lines: Line[] = [];
  const used = new Set<string>();
  const strong = candidates[0];
  if (strong) {
    used.add(strong.invoiceId);
    lines.push({ date: dateFor(strong, 2), label: `VIR SEPA ${clientOf(strong)} FACT ${strong.number}`, credit: strong.outstanding });
  }
  const medium = candidates.find(
    (r) => !used.has(r.invoiceId) && r.clientId !== strong?.clientId && open.filter((o) => o.clientId === r.clientId && o.outstanding.equals(r.outstanding)).length === 1,
  );
  if (medium) {
    used.add(medium.invoiceId);
    lines.push({ date: dateFor(medium, 8), label: `VIREMENT ${clientOf(medium)}`, credit: medium.outstanding });
  }
  const partial = candidates.find((r) => !used.has(r.invoiceId) && r.outstanding.greaterThan(toDecimal("100.00")));
  if (partial) {
    lines.push({ date: dateFor(partial, 14), label: `VIR ${clientOf(partial)} ACOMPTE ${partial.number}`, credit: roundCents(partial.outstanding.dividedBy(2)) });
  }
  const dated = (offset: number) => minDate(end, addDays(start, offset));
  lines.push(
    { date: dated(4), label: "PRLV SEPA URSSAF RHONE ALPES", debit: toDecimal("1254.00") },
    { date: dated(9), label: "CB FOURNITURES BUREAU LYON", debit: toDecimal("63.90") },
    { date: end, label: "FRAIS TENUE DE COMPTE", debit: toDecimal("8.50") },
  );
  lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const csv = [
    "Relevé de compte courant (démonstration)",
    `Période du ${frenchDate(start)} au ${frenchDate(end)};;;;`,
    "Date;Date valeur;Libellé;Débit;Crédit",
    ...lines.map((l) => `${frenchDate(l.date)};${frenchDate(l.date)};${l.label};${l.debit ? frenchAmount(l.debit) : ""};${l.credit ? frenchAmount(l.credit) : ""}`),
  ].join("\r\n");
  const monthName = MONTHS[Number.parseInt(month.slice(5, 7), 10) - 1] ?? month;
  return { fileName: `releve-${monthName}-${month.slice(0, 4)}.csv`, month, csv: `${csv}\r\n` };
}

/** Builds the demo statement and imports it like `facturation import-bank` would (a second run changes nothing). */
export async function loadDemoBankStatement(db: Database, today: IsoDate, actor = "demo"): Promise<DemoBankStatement & { readonly imported: ImportBankStatementResult }> {
  const statement = await demoBankStatement(db, today);
  const imported = await importBankStatement(db, { statement: parseBankStatementCsv(statement.csv, statement.fileName), fileName: statement.fileName, actor });
  return { ...statement, imported };
}
