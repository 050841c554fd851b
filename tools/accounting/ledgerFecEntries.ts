import { and, asc, gte, inArray, lte } from "drizzle-orm";
import type { FecEntry, FecLine } from "../../engine/accounting/fec.js";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { ACCOUNTS, ACCOUNT_LABELS, type AccountCode } from "../../engine/ledger/accounts.js";
import { toDecimal } from "../../engine/money/money.js";
import type { Database } from "../../db/database.js";
import { clients } from "../../db/schema/clients.js";
import { invoices } from "../../db/schema/invoices.js";
import { ledgerEntries, ledgerLines } from "../../db/schema/ledger.js";
import { payments } from "../../db/schema/payments.js";
import { loadClientLettering } from "../../db/ledger/clientLettering.js";

const JOURNAL_LABELS: Record<string, string> = { VE: "Journal des ventes", BQ: "Journal de banque", OD: "Opérations diverses" };

/** Client auxiliary account: the client's reference, else C + its id on five digits. */
export function clientAuxiliaryAccount(client: { id: number; ref: string | null }): string {
  return client.ref ?? `C${String(client.id).padStart(5, "0")}`;
}

const isoDateOf = (timestamp: Date) => timestamp.toISOString().slice(0, 10);

/**
 * The ledger entries dated within `[from, to]` as FEC entries: EcritureNum numbered per journal in
 * date order (VE000001…), the client's auxiliary account on 411 lines, the invoice number (or the
 * payment reference) as PieceRef, the date the entry was written as ValidDate, and the lettering of
 * the client-account lines as of `to` (EcritureLet / DateLet: an invoice's lines, those of its credit
 * notes and payments share a code once they balance), so that exporting a closed year again gives the
 * same file.
 */
export async function ledgerFecEntries(db: Database, from: IsoDate, to: IsoDate): Promise<FecEntry[]> {
  const entries = await db
    .select()
    .from(ledgerEntries)
    .where(and(gte(ledgerEntries.entryDate, from), lte(ledgerEntries.entryDate, to)))
    .orderBy(asc(ledgerEntries.entryDate), asc(ledgerEntries.id));
  if (entries.length === 0) return [];
  const entryIds = entries.map((e) => e.id);
  const lines = await db.select().from(ledgerLines).where(inArray(ledgerLines.entryId, entryIds)).orderBy(asc(ledgerLines.entryId), asc(ledgerLines.position));

  const invoiceIds = [...new Set([...entries.map((e) => e.invoiceId), ...lines.map((l) => l.invoiceId)].filter((id): id is number => id !== null))];
  const paymentIds = [...new Set(entries.map((e) => e.paymentId).filter((id): id is number => id !== null))];
  const invoiceRows = invoiceIds.length ? await db.select({ id: invoices.id, number: invoices.number, issueDate: invoices.issueDate, clientId: invoices.clientId }).from(invoices).where(inArray(invoices.id, invoiceIds)) : [];
  const paymentRows = paymentIds.length ? await db.select({ id: payments.id, ref: payments.ref, reference: payments.reference, receivedOn: payments.receivedOn, clientId: payments.clientId }).from(payments).where(inArray(payments.id, paymentIds)) : [];
  const clientIds = [...new Set([...invoiceRows.map((i) => i.clientId), ...paymentRows.map((p) => p.clientId)].filter((id): id is number => id !== null))];
  const lettering = await loadClientLettering(db, to);
  const clientRows = clientIds.length ? await db.select({ id: clients.id, ref: clients.ref, name: clients.name }).from(clients).where(inArray(clients.id, clientIds)) : [];

  const invoiceById = new Map(invoiceRows.map((i) => [i.id, i]));
  const paymentById = new Map(paymentRows.map((p) => [p.id, p]));
  const clientById = new Map(clientRows.map((c) => [c.id, c]));
  const linesByEntry = new Map<number, (typeof lines)[number][]>();
  for (const l of lines) linesByEntry.set(l.entryId, [...(linesByEntry.get(l.entryId) ?? []), l]);
  const counters = new Map<string, number>();

  return entries.map((e): FecEntry => {
    const invoice = e.invoiceId !== null ? invoiceById.get(e.invoiceId) : undefined;
    const payment = e.paymentId !== null ? paymentById.get(e.paymentId) : undefined;
    const n = (counters.get(e.journal) ?? 0) + 1;
    counters.set(e.journal, n);
    const written = isoDateOf(e.createdAt);
    return {
      journalCode: e.journal,
      journalLabel: JOURNAL_LABELS[e.journal] ?? e.journal,
      number: `${e.journal}${String(n).padStart(6, "0")}`,
      date: e.entryDate,
      pieceRef: invoice?.number ?? payment?.ref ?? payment?.reference ?? `${e.journal}-${e.id}`,
      pieceDate: invoice?.issueDate ?? payment?.receivedOn ?? e.entryDate,
      label: e.label,
      validationDate: written > e.entryDate ? written : e.entryDate,
      lines: (linesByEntry.get(e.id) ?? []).map((l): FecLine => {
        const lineInvoice = l.invoiceId !== null ? invoiceById.get(l.invoiceId) : invoice;
        const clientId = lineInvoice?.clientId ?? payment?.clientId ?? null;
        const client = l.account === ACCOUNTS.clients && clientId !== null ? clientById.get(clientId) : undefined;
        return {
          account: l.account,
          accountLabel: ACCOUNT_LABELS[l.account as AccountCode] ?? l.account,
          auxiliaryAccount: client ? clientAuxiliaryAccount(client) : undefined,
          auxiliaryLabel: client?.name,
          label: l.label,
          debit: toDecimal(l.debit),
          credit: toDecimal(l.credit),
          lettering: l.account === ACCOUNTS.clients && l.invoiceId !== null ? lettering.get(l.invoiceId) : undefined,
        };
      }),
    };
  });
}
