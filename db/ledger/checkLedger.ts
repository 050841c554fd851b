import { asc, ne } from "drizzle-orm";
import { postInvoice } from "../../engine/ledger/postInvoice.js";
import type { PostingLine } from "../../engine/ledger/journalEntry.js";
import { type Decimal, ZERO, sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import type { VatExemption, VatRate } from "../../engine/vat/vatRate.js";
import { verifyAuditChain } from "../audit/verifyAuditChain.js";
import type { Database } from "../database.js";
import { invoiceLines, invoices } from "../schema/invoices.js";
import { type LedgerLineRow, ledgerEntries, ledgerLines } from "../schema/ledger.js";
import { paymentAllocations, payments } from "../schema/payments.js";

export interface LedgerProblem {
  readonly check: "entry_balanced" | "invoice_totals" | "invoice_entry" | "invoice_vat" | "payment_entry" | "payment_allocations" | "audit_chain";
  /** What is wrong, e.g. "écriture 12", "facture F-2026-00003", "règlement 4", "journal d'audit ligne 17". */
  readonly subject: string;
  readonly expected: string;
  readonly found: string;
  /** French sentence naming the row. */
  readonly message: string;
}

export interface LedgerCheckReport {
  readonly ok: boolean;
  readonly counts: { readonly entries: number; readonly invoices: number; readonly payments: number; readonly auditRows: number };
  readonly problems: readonly LedgerProblem[];
}

const describeLines = (lines: readonly { account: string; debit: Decimal; credit: Decimal }[]): string =>
  [...lines]
    .map((l) => `${l.account} D ${toAmountString(l.debit)} C ${toAmountString(l.credit)}`)
    .sort()
    .join(" ; ");

/** Sums lines per account into signed balances (debit positive). */
function balances(lines: readonly { account: string; debit: Decimal; credit: Decimal }[]): Map<string, Decimal> {
  const map = new Map<string, Decimal>();
  for (const l of lines) map.set(l.account, (map.get(l.account) ?? ZERO).plus(l.debit).minus(l.credit));
  return map;
}

function sameBalances(a: Map<string, Decimal>, b: Map<string, Decimal>): boolean {
  const accounts = new Set([...a.keys(), ...b.keys()]);
  return [...accounts].every((k) => (a.get(k) ?? ZERO).equals(b.get(k) ?? ZERO));
}

/**
 * Verifies the books: every entry balances; every issued invoice's totals match its lines and its
 * sales entry matches what the posting rules give; every payment's bank entry matches its
 * allocations and each invoice's paid amount matches its allocations; the audit chain is intact.
 */
export async function checkLedger(db: Database): Promise<LedgerCheckReport> {
  const problems: LedgerProblem[] = [];
  const [entries, lineRows, invoiceRows, invoiceLineRows, paymentRows, allocationRows] = await Promise.all([
    db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.id)),
    db.select().from(ledgerLines).orderBy(asc(ledgerLines.entryId), asc(ledgerLines.position)),
    db.select().from(invoices).where(ne(invoices.status, "draft")).orderBy(asc(invoices.id)),
    db.select().from(invoiceLines).orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position)),
    db.select().from(payments).orderBy(asc(payments.id)),
    db.select().from(paymentAllocations).orderBy(asc(paymentAllocations.id)),
  ]);

  const linesByEntry = new Map<number, LedgerLineRow[]>();
  for (const l of lineRows) linesByEntry.set(l.entryId, [...(linesByEntry.get(l.entryId) ?? []), l]);
  const decimalLines = (entryId: number) =>
    (linesByEntry.get(entryId) ?? []).map((l) => ({ account: l.account, debit: toDecimal(l.debit), credit: toDecimal(l.credit), invoiceId: l.invoiceId }));

  // 1. Every entry balances.
  for (const e of entries) {
    const lines = decimalLines(e.id);
    const debit = sum(lines.map((l) => l.debit));
    const credit = sum(lines.map((l) => l.credit));
    if (lines.length < 2 || !debit.equals(credit)) {
      problems.push({
        check: "entry_balanced",
        subject: `écriture ${e.id}`,
        expected: `débit = crédit`,
        found: `débit ${toAmountString(debit)}, crédit ${toAmountString(credit)}`,
        message: `écriture ${e.id} (« ${e.label} ») déséquilibrée : débit ${toAmountString(debit)} ≠ crédit ${toAmountString(credit)}`,
      });
    }
  }

  // 2. Issued invoices: totals match lines; the sales entry matches the posting rules.
  const invoiceLinesById = new Map<number, typeof invoiceLineRows>();
  for (const l of invoiceLineRows) invoiceLinesById.set(l.invoiceId, [...(invoiceLinesById.get(l.invoiceId) ?? []), l]);
  const invoiceById = new Map(invoiceRows.map((i) => [i.id, i]));
  const salesEntries = new Map<number, number[]>();
  for (const e of entries) {
    if (e.kind !== "payment" && e.invoiceId !== null) salesEntries.set(e.invoiceId, [...(salesEntries.get(e.invoiceId) ?? []), e.id]);
  }
  for (const inv of invoiceRows) {
    const subject = `facture ${inv.number ?? inv.id}`;
    const lines = (invoiceLinesById.get(inv.id) ?? []).map((l) => ({
      net: toDecimal(l.net),
      vatRate: l.vatRate as VatRate,
      vatExemption: (l.vatExemption as VatExemption | null) ?? undefined,
      deductsDeposit: l.deductsInvoiceId !== null,
    }));
    const totals = computeTotals(lines);
    const stored = { net: toDecimal(inv.netAmount), vat: toDecimal(inv.vatAmount), due: toDecimal(inv.amountDue) };
    if (!totals.netAmount.equals(stored.net) || !totals.vatAmount.equals(stored.vat) || !totals.amountDue.equals(stored.due)) {
      const expected = `HT ${toAmountString(totals.netAmount)}, TVA ${toAmountString(totals.vatAmount)}, TTC ${toAmountString(totals.amountDue)}`;
      const found = `HT ${toAmountString(stored.net)}, TVA ${toAmountString(stored.vat)}, TTC ${toAmountString(stored.due)}`;
      problems.push({ check: "invoice_totals", subject, expected, found, message: `${subject} : totaux attendus d'après ses lignes ${expected}, trouvés ${found}` });
    }
    const entryIds = salesEntries.get(inv.id) ?? [];
    if (entryIds.length !== 1) {
      problems.push({
        check: "invoice_entry",
        subject,
        expected: "1 écriture de vente",
        found: `${entryIds.length} écriture(s)`,
        message: `${subject} : 1 écriture de vente attendue, ${entryIds.length} trouvée(s)`,
      });
      continue;
    }
    const corrected = inv.correctsInvoiceId !== null ? invoiceById.get(inv.correctsInvoiceId) : undefined;
    const expectedEntry = postInvoice({
      invoiceId: inv.id,
      kind: inv.kind,
      number: inv.number ?? "",
      issueDate: inv.issueDate ?? "",
      clientName: "",
      netAmount: totals.netAmount,
      vatAmount: totals.vatAmount,
      amountDue: totals.amountDue,
      lines,
      correctsDeposit: corrected?.kind === "deposit",
      vatOnDebits: inv.sellerSnapshot?.vatOnDebits ?? false,
    });
    const entryId = entryIds[0] as number;
    // A credit note's VAT comes off 44574 and/or 44571 depending on what was already due: compare the total VAT.
    const vatMerged = <L extends { account: string }>(l: L): L =>
      inv.kind === "credit_note" && l.account === "44571" ? { ...l, account: "44574" } : l;
    const foundLines = decimalLines(entryId);
    if (!sameBalances(balances(expectedEntry.lines.map(vatMerged)), balances(foundLines.map(vatMerged)))) {
      const expected = describeLines(expectedEntry.lines as PostingLine[]);
      const found = describeLines(foundLines);
      problems.push({ check: "invoice_entry", subject, expected, found, message: `${subject} : l'écriture ${entryId} ne correspond pas à la facture — attendu ${expected} ; trouvé ${found}` });
    }
  }

  // 3. Payments: bank entry matches amount and allocations; invoices' paid amounts match allocations.
  const allocationsByPayment = new Map<number, typeof allocationRows>();
  const paidByInvoice = new Map<number, Decimal>();
  for (const a of allocationRows) {
    allocationsByPayment.set(a.paymentId, [...(allocationsByPayment.get(a.paymentId) ?? []), a]);
    paidByInvoice.set(a.invoiceId, (paidByInvoice.get(a.invoiceId) ?? ZERO).plus(toDecimal(a.amount)));
  }
  const paymentEntries = new Map<number, number[]>();
  for (const e of entries) if (e.kind === "payment" && e.paymentId !== null) paymentEntries.set(e.paymentId, [...(paymentEntries.get(e.paymentId) ?? []), e.id]);
  for (const p of paymentRows) {
    const subject = `règlement ${p.id}`;
    const amount = toDecimal(p.amount);
    const allocs = allocationsByPayment.get(p.id) ?? [];
    const allocated = sum(allocs.map((a) => toDecimal(a.amount)));
    if (allocated.greaterThan(amount)) {
      problems.push({ check: "payment_allocations", subject, expected: `au plus ${toAmountString(amount)}`, found: toAmountString(allocated), message: `${subject} : affectations ${toAmountString(allocated)} supérieures au montant ${toAmountString(amount)}` });
    }
    const ids = paymentEntries.get(p.id) ?? [];
    if (ids.length !== 1) {
      problems.push({ check: "payment_entry", subject, expected: "1 écriture de banque", found: `${ids.length} écriture(s)`, message: `${subject} : 1 écriture de banque attendue, ${ids.length} trouvée(s)` });
      continue;
    }
    const lines = decimalLines(ids[0] as number);
    const bank = sum(lines.filter((l) => l.account === "512").map((l) => l.debit.minus(l.credit)));
    const clientCredits = new Map<number | null, Decimal>();
    for (const l of lines.filter((x) => x.account === "411")) clientCredits.set(l.invoiceId, (clientCredits.get(l.invoiceId) ?? ZERO).plus(l.credit).minus(l.debit));
    const expectedCredits = new Map<number | null, Decimal>(allocs.map((a) => [a.invoiceId, toDecimal(a.amount)]));
    if (!amount.minus(allocated).isZero()) expectedCredits.set(null, amount.minus(allocated));
    const creditsMatch =
      [...new Set([...clientCredits.keys(), ...expectedCredits.keys()])].every((k) => (clientCredits.get(k) ?? ZERO).equals(expectedCredits.get(k) ?? ZERO));
    if (!bank.equals(amount) || !creditsMatch) {
      const fmt = (m: Map<number | null, Decimal>) =>
        [...m.entries()].map(([k, v]) => `${k === null ? "non affecté" : `facture ${invoiceById.get(k)?.number ?? k}`} ${toAmountString(v)}`).sort().join(", ");
      const expected = `512 D ${toAmountString(amount)} ; 411 C ${fmt(expectedCredits)}`;
      const found = `512 D ${toAmountString(bank)} ; 411 C ${fmt(clientCredits)}`;
      problems.push({ check: "payment_entry", subject, expected, found, message: `${subject} : l'écriture ${ids[0]} ne correspond pas au règlement — attendu ${expected} ; trouvé ${found}` });
    }
  }
  for (const inv of invoiceRows) {
    const paid = paidByInvoice.get(inv.id) ?? ZERO;
    if (!paid.equals(toDecimal(inv.amountPaid))) {
      const subject = `facture ${inv.number ?? inv.id}`;
      problems.push({
        check: "payment_allocations",
        subject,
        expected: toAmountString(paid),
        found: toAmountString(toDecimal(inv.amountPaid)),
        message: `${subject} : montant payé ${toAmountString(toDecimal(inv.amountPaid))} alors que ses règlements affectés totalisent ${toAmountString(paid)}`,
      });
    }
  }

  // 4. VAT made due (44571) per invoice, its credit notes' reversals included: between 0 and the
  //    VAT of what remains invoiced (its VAT minus its credit notes' VAT).
  const collectedByInvoice = new Map<number, Decimal>();
  for (const l of lineRows) {
    if (l.account !== "44571" || l.invoiceId === null) continue;
    const target = invoiceById.get(l.invoiceId)?.correctsInvoiceId ?? l.invoiceId;
    collectedByInvoice.set(target, (collectedByInvoice.get(target) ?? ZERO).plus(toDecimal(l.credit)).minus(toDecimal(l.debit)));
  }
  const netVatByInvoice = new Map<number, Decimal>();
  for (const inv of invoiceRows) {
    const target = inv.correctsInvoiceId ?? inv.id;
    netVatByInvoice.set(target, (netVatByInvoice.get(target) ?? ZERO).plus(toDecimal(inv.vatAmount)));
  }
  for (const [invoiceId, collected] of collectedByInvoice) {
    const netVat = netVatByInvoice.get(invoiceId) ?? ZERO;
    if (collected.isNegative() || collected.greaterThan(netVat)) {
      const subject = `facture ${invoiceById.get(invoiceId)?.number ?? invoiceId}`;
      problems.push({
        check: "invoice_vat",
        subject,
        expected: `entre 0.00 et ${toAmountString(netVat)}`,
        found: toAmountString(collected),
        message: `${subject} : TVA exigible (44571) ${toAmountString(collected)} hors de [0 ; ${toAmountString(netVat)}], la TVA de la facture nette de ses avoirs`,
      });
    }
  }

  // 5. Audit chain.
  const audit = await verifyAuditChain(db);
  if (!audit.ok) {
    problems.push({ check: "audit_chain", subject: `journal d'audit ligne ${audit.seq}`, expected: audit.expected, found: audit.found, message: audit.message });
  }
  return {
    ok: problems.length === 0,
    counts: { entries: entries.length, invoices: invoiceRows.length, payments: paymentRows.length, auditRows: audit.rows },
    problems,
  };
}
