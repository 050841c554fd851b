import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { ACCOUNTS } from "../../engine/ledger/accounts.js";
import type { PostingLine } from "../../engine/ledger/journalEntry.js";
import { postInvoice } from "../../engine/ledger/postInvoice.js";
import { type Decimal, ZERO, toAmountString, toDecimal } from "../../engine/money/money.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import type { VatExemption, VatRate } from "../../engine/vat/vatRate.js";
import { verifyAuditChain } from "../audit/verifyAuditChain.js";
import { type Database, rowsOf } from "../database.js";
import { invoiceLines, invoices } from "../schema/invoices.js";
import { ledgerEntries, ledgerLines } from "../schema/ledger.js";
import { paymentAllocations } from "../schema/payments.js";

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

type Line = { readonly account: string; readonly debit: Decimal; readonly credit: Decimal };

const describeLines = (lines: readonly Line[]): string =>
  [...lines]
    .map((l) => `${l.account} D ${toAmountString(l.debit)} C ${toAmountString(l.credit)}`)
    .sort()
    .join(" ; ");

const amount = (s: string | null | undefined): string => toAmountString(toDecimal(s ?? "0"));

/**
 * Verifies the books with SQL aggregations, so it runs on hundreds of thousands of invoices
 * without loading them: the database returns only the faulty rows, which are then described
 * precisely (expected and found). Checks:
 * 1. every entry balances (Σ debit = Σ credit, at least two lines);
 * 2. every issued invoice's totals match its lines (VAT once per rate), and its single sales entry
 *    matches the posting rules per account (411, 706 / 4191, VAT — a credit note's VAT may come
 *    off 44574 and 44571, their sum is checked);
 * 3. every payment has one bank entry: 512 = its amount; over its bank entry and the OD entries
 *    imputing its unallocated part later (credit_application), 411 is credited per invoice as
 *    allocated and the rest stays unallocated; allocations never exceed the payment; each invoice's
 *    paid amount equals its allocations;
 * 4. per invoice, the VAT made due (44571, its credit notes' reversals included) lies between 0 and
 *    its VAT net of its credit notes;
 * 5. the audit hash chain is intact (walked by pages).
 */
export async function checkLedger(db: Database): Promise<LedgerCheckReport> {
  const problems: LedgerProblem[] = [];
  const [counts] = rowsOf<{ entries: number; invoices: number; payments: number }>(
    await db.execute(sql`select
      (select count(*) from ledger_entries)::int as entries,
      (select count(*) from invoices where status <> 'draft')::int as invoices,
      (select count(*) from payments)::int as payments`),
  );

  problems.push(...(await unbalancedEntries(db)));
  problems.push(...(await invoiceProblems(db)));
  problems.push(...(await paymentProblems(db)));
  problems.push(...(await collectedVatProblems(db)));

  const audit = await verifyAuditChain(db);
  if (!audit.ok) {
    problems.push({ check: "audit_chain", subject: `journal d'audit ligne ${audit.seq}`, expected: audit.expected, found: audit.found, message: audit.message });
  }
  return {
    ok: problems.length === 0,
    counts: { entries: counts?.entries ?? 0, invoices: counts?.invoices ?? 0, payments: counts?.payments ?? 0, auditRows: audit.rows },
    problems,
  };
}

// 1. ------------------------------------------------------------------------------------------

async function unbalancedEntries(db: Database): Promise<LedgerProblem[]> {
  const rows = rowsOf<{ id: number; label: string; debit: string; credit: string }>(
    await db.execute(sql`
      select e.id, e.label, coalesce(sum(l.debit), 0)::text as debit, coalesce(sum(l.credit), 0)::text as credit
      from ledger_entries e left join ledger_lines l on l.entry_id = e.id
      group by e.id, e.label
      having count(l.id) < 2 or coalesce(sum(l.debit), 0) <> coalesce(sum(l.credit), 0)
      order by e.id`),
  );
  return rows.map((r) => ({
    check: "entry_balanced" as const,
    subject: `écriture ${r.id}`,
    expected: "débit = crédit",
    found: `débit ${amount(r.debit)}, crédit ${amount(r.credit)}`,
    message: `écriture ${r.id} (« ${r.label} ») déséquilibrée : débit ${amount(r.debit)} ≠ crédit ${amount(r.credit)}`,
  }));
}

// 2. ------------------------------------------------------------------------------------------

interface InvoiceCheckRow {
  id: number;
  number: string | null;
  kind: "invoice" | "deposit" | "credit_note";
  issue_date: string | null;
  net_amount: string;
  vat_amount: string;
  amount_due: string;
  lines_net: string;
  lines_vat: string;
  entries: number;
  entry_id: number | null;
  totals_ok: boolean;
  entry_ok: boolean;
  corrects_deposit: boolean;
  vat_on_debits: boolean;
}

async function invoiceProblems(db: Database): Promise<LedgerProblem[]> {
  const { clients: a411, services: a706, depositsReceived: a4191, vatPending: a44574, vatCollected: a44571 } = ACCOUNTS;
  const rows = rowsOf<InvoiceCheckRow>(
    await db.execute(sql`
      with per_rate as (
        select invoice_id, sum(net) as base, round(sum(net) * vat_rate::numeric / 100, 2) as vat,
               sum(net) filter (where deducts_invoice_id is null) as revenue,
               sum(net) filter (where deducts_invoice_id is not null) as deducted
        from invoice_lines group by invoice_id, vat_rate, coalesce(vat_exemption, '')
      ),
      computed as (
        select invoice_id, sum(base) as net, sum(vat) as vat, coalesce(sum(revenue), 0) as revenue, coalesce(sum(deducted), 0) as deducted
        from per_rate group by invoice_id
      ),
      posted as (
        select e.invoice_id, count(distinct e.id)::int as entries, min(e.id) as entry_id,
               coalesce(sum(l.debit - l.credit) filter (where l.account = ${a411}), 0) as a411,
               coalesce(sum(l.debit - l.credit) filter (where l.account = ${a706}), 0) as a706,
               coalesce(sum(l.debit - l.credit) filter (where l.account = ${a4191}), 0) as a4191,
               coalesce(sum(l.debit - l.credit) filter (where l.account = ${a44574}), 0) as a44574,
               coalesce(sum(l.debit - l.credit) filter (where l.account = ${a44571}), 0) as a44571,
               count(l.id) filter (where l.account not in (${a411}, ${a706}, ${a4191}, ${a44574}, ${a44571}))::int as others
        from ledger_entries e left join ledger_lines l on l.entry_id = e.id
        where e.kind in ('invoice', 'deposit', 'credit_note') and e.invoice_id is not null
        group by e.invoice_id
      ),
      checked as (
        select i.id, i.number, i.kind, i.issue_date, i.net_amount, i.vat_amount, i.amount_due,
               coalesce(c.net, 0) as lines_net, coalesce(c.vat, 0) as lines_vat, coalesce(c.revenue, 0) as revenue, coalesce(c.deducted, 0) as deducted,
               coalesce(p.entries, 0) as entries, p.entry_id, p.a411, p.a706, p.a4191, p.a44574, p.a44571, p.others,
               (i.kind = 'deposit' or coalesce(k.kind = 'deposit', false)) as corrects_deposit,
               coalesce((i.seller_snapshot ->> 'vatOnDebits')::boolean, false) as vat_on_debits
        from invoices i
        left join computed c on c.invoice_id = i.id
        left join posted p on p.invoice_id = i.id
        left join invoices k on k.id = i.corrects_invoice_id
        where i.status <> 'draft'
      ),
      judged as (
        select *,
          (net_amount = lines_net and vat_amount = lines_vat and amount_due = lines_net + lines_vat) as totals_ok,
          (entries = 1 and others = 0
            and a411 = lines_net + lines_vat
            and a706 = case when corrects_deposit then 0 else -revenue end
            and a4191 = case when corrects_deposit then -revenue else 0 end - deducted
            and case
              when vat_on_debits then a44571 = -lines_vat and a44574 = 0
              when kind = 'credit_note' then a44574 + a44571 = -lines_vat
              else a44574 = -lines_vat and a44571 = 0
            end) as entry_ok
        from checked
      )
      select id, number, kind, issue_date, net_amount::text, vat_amount::text, amount_due::text, lines_net::text, lines_vat::text,
             entries, entry_id, totals_ok, entry_ok, corrects_deposit, vat_on_debits
      from judged where not totals_ok or not entry_ok
      order by id`),
  );
  const problems: LedgerProblem[] = [];
  for (const r of rows) {
    const subject = `facture ${r.number ?? r.id}`;
    if (!r.totals_ok) {
      const expected = `HT ${amount(r.lines_net)}, TVA ${amount(r.lines_vat)}, TTC ${amount(toDecimal(r.lines_net).plus(toDecimal(r.lines_vat)).toString())}`;
      const found = `HT ${amount(r.net_amount)}, TVA ${amount(r.vat_amount)}, TTC ${amount(r.amount_due)}`;
      problems.push({ check: "invoice_totals", subject, expected, found, message: `${subject} : totaux attendus d'après ses lignes ${expected}, trouvés ${found}` });
    }
    if (r.entry_ok) continue;
    if (r.entries !== 1 || r.entry_id === null) {
      problems.push({
        check: "invoice_entry",
        subject,
        expected: "1 écriture de vente",
        found: `${r.entries} écriture(s)`,
        message: `${subject} : 1 écriture de vente attendue, ${r.entries} trouvée(s)`,
      });
      continue;
    }
    // Only the faulty invoices are described in full: their lines and their entry.
    const lines = (await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, r.id)).orderBy(asc(invoiceLines.position))).map((l) => ({
      net: toDecimal(l.net),
      vatRate: l.vatRate as VatRate,
      vatExemption: (l.vatExemption as VatExemption | null) ?? undefined,
      deductsDeposit: l.deductsInvoiceId !== null,
    }));
    const totals = computeTotals(lines);
    const expectedEntry = postInvoice({
      invoiceId: r.id,
      kind: r.kind,
      number: r.number ?? "",
      issueDate: r.issue_date ?? "",
      clientName: "",
      netAmount: totals.netAmount,
      vatAmount: totals.vatAmount,
      amountDue: totals.amountDue,
      lines,
      correctsDeposit: r.kind !== "deposit" && r.corrects_deposit,
      vatOnDebits: r.vat_on_debits,
    });
    const foundLines = (await db.select().from(ledgerLines).where(eq(ledgerLines.entryId, r.entry_id)).orderBy(asc(ledgerLines.position))).map((l) => ({
      account: l.account,
      debit: toDecimal(l.debit),
      credit: toDecimal(l.credit),
    }));
    const expected = describeLines(expectedEntry.lines as PostingLine[]);
    const found = describeLines(foundLines);
    problems.push({ check: "invoice_entry", subject, expected, found, message: `${subject} : l'écriture ${r.entry_id} ne correspond pas à la facture — attendu ${expected} ; trouvé ${found}` });
  }
  return problems;
}

// 3. ------------------------------------------------------------------------------------------

async function paymentProblems(db: Database): Promise<LedgerProblem[]> {
  const { clients: a411, bank: a512 } = ACCOUNTS;
  const payments = rowsOf<{ id: number; amount: string; allocated: string; entries: number; entry_id: number | null; over: boolean; entry_ok: boolean }>(
    await db.execute(sql`
      with allocated as (
        select payment_id, sum(amount) as total from payment_allocations group by payment_id
      ),
      bank as (
        select e.payment_id, count(distinct e.id)::int as entries, min(e.id) as entry_id,
               coalesce(sum(l.debit - l.credit) filter (where l.account = ${a512}), 0) as a512
        from ledger_entries e left join ledger_lines l on l.entry_id = e.id
        where e.kind = 'payment' and e.payment_id is not null
        group by e.payment_id
      ),
      expected_411 as (
        select payment_id, invoice_id, sum(amount) as amount from payment_allocations group by payment_id, invoice_id
        union all
        select p.id, null, p.amount - coalesce(a.total, 0) from payments p left join allocated a on a.payment_id = p.id where p.amount <> coalesce(a.total, 0)
      ),
      found_411 as (
        select e.payment_id, l.invoice_id, sum(l.credit - l.debit) as amount
        from ledger_entries e join ledger_lines l on l.entry_id = e.id
        where e.kind in ('payment', 'credit_application') and e.payment_id is not null and l.account = ${a411}
        group by e.payment_id, l.invoice_id
      ),
      mismatched_411 as (
        select distinct coalesce(x.payment_id, f.payment_id) as payment_id
        from expected_411 x full join found_411 f on f.payment_id = x.payment_id and f.invoice_id is not distinct from x.invoice_id
        where coalesce(x.amount, 0) <> coalesce(f.amount, 0)
      )
      select p.id, p.amount::text, coalesce(a.total, 0)::text as allocated, coalesce(b.entries, 0) as entries, b.entry_id,
             coalesce(a.total, 0) > p.amount as over,
             (coalesce(b.entries, 0) = 1 and b.a512 = p.amount and m.payment_id is null) as entry_ok
      from payments p
      left join allocated a on a.payment_id = p.id
      left join bank b on b.payment_id = p.id
      left join mismatched_411 m on m.payment_id = p.id
      where coalesce(a.total, 0) > p.amount or coalesce(b.entries, 0) <> 1 or b.a512 <> p.amount or m.payment_id is not null
      order by p.id`),
  );
  const problems: LedgerProblem[] = [];
  for (const p of payments) {
    const subject = `règlement ${p.id}`;
    if (p.over) {
      problems.push({ check: "payment_allocations", subject, expected: `au plus ${amount(p.amount)}`, found: amount(p.allocated), message: `${subject} : affectations ${amount(p.allocated)} supérieures au montant ${amount(p.amount)}` });
    }
    if (p.entries !== 1 || p.entry_id === null) {
      problems.push({ check: "payment_entry", subject, expected: "1 écriture de banque", found: `${p.entries} écriture(s)`, message: `${subject} : 1 écriture de banque attendue, ${p.entries} trouvée(s)` });
      continue;
    }
    if (p.entry_ok) continue;
    problems.push(await describePaymentEntry(db, p.id, toDecimal(p.amount), toDecimal(p.allocated), p.entry_id));
  }

  const paid = rowsOf<{ id: number; number: string | null; amount_paid: string; allocated: string }>(
    await db.execute(sql`
      select i.id, i.number, i.amount_paid::text, coalesce(a.total, 0)::text as allocated
      from invoices i left join (select invoice_id, sum(amount) as total from payment_allocations group by invoice_id) a on a.invoice_id = i.id
      where i.status <> 'draft' and i.amount_paid <> coalesce(a.total, 0)
      order by i.id`),
  );
  for (const r of paid) {
    const subject = `facture ${r.number ?? r.id}`;
    problems.push({
      check: "payment_allocations",
      subject,
      expected: amount(r.allocated),
      found: amount(r.amount_paid),
      message: `${subject} : montant payé ${amount(r.amount_paid)} alors que ses règlements affectés totalisent ${amount(r.allocated)}`,
    });
  }
  return problems;
}

/** The precise description of one faulty bank entry (its lines and its payment's allocations only). */
async function describePaymentEntry(db: Database, paymentId: number, paymentAmount: Decimal, allocated: Decimal, entryId: number): Promise<LedgerProblem> {
  const subject = `règlement ${paymentId}`;
  const allocations = await db.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, paymentId));
  const lines = (
    await db
      .select({ line: ledgerLines })
      .from(ledgerLines)
      .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
      .where(and(eq(ledgerEntries.paymentId, paymentId), inArray(ledgerEntries.kind, ["payment", "credit_application"])))
  ).map((r) => r.line);
  const bank = lines.filter((l) => l.account === ACCOUNTS.bank).reduce((acc, l) => acc.plus(toDecimal(l.debit)).minus(toDecimal(l.credit)), ZERO);
  const found = new Map<number | null, Decimal>();
  for (const l of lines.filter((x) => x.account === ACCOUNTS.clients)) found.set(l.invoiceId, (found.get(l.invoiceId) ?? ZERO).plus(toDecimal(l.credit)).minus(toDecimal(l.debit)));
  const expectedCredits = new Map<number | null, Decimal>();
  for (const a of allocations) expectedCredits.set(a.invoiceId, (expectedCredits.get(a.invoiceId) ?? ZERO).plus(toDecimal(a.amount)));
  if (!paymentAmount.minus(allocated).isZero()) expectedCredits.set(null, paymentAmount.minus(allocated));
  const ids = [...new Set([...found.keys(), ...expectedCredits.keys()])].filter((k): k is number => k !== null);
  const numbers = new Map(
    ids.length === 0 ? [] : (await db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(inArray(invoices.id, ids))).map((r) => [r.id, r.number]),
  );
  const fmt = (m: Map<number | null, Decimal>) =>
    [...m.entries()].map(([k, v]) => `${k === null ? "non affecté" : `facture ${numbers.get(k) ?? k}`} ${toAmountString(v)}`).sort().join(", ");
  const expected = `512 D ${toAmountString(paymentAmount)} ; 411 C ${fmt(expectedCredits)}`;
  const foundText = `512 D ${toAmountString(bank)} ; 411 C ${fmt(found)}`;
  return { check: "payment_entry", subject, expected, found: foundText, message: `${subject} : l'écriture ${entryId} ne correspond pas au règlement — attendu ${expected} ; trouvé ${foundText}` };
}

// 4. ------------------------------------------------------------------------------------------

async function collectedVatProblems(db: Database): Promise<LedgerProblem[]> {
  const rows = rowsOf<{ id: number; number: string | null; collected: string; net_vat: string }>(
    await db.execute(sql`
      with collected as (
        select coalesce(d.corrects_invoice_id, d.id) as target, sum(l.credit - l.debit) as amount
        from ledger_lines l join invoices d on d.id = l.invoice_id
        where l.account = ${ACCOUNTS.vatCollected}
        group by 1
      ),
      net_vat as (
        select coalesce(corrects_invoice_id, id) as target, sum(vat_amount) as amount
        from invoices where status <> 'draft' group by 1
      )
      select c.target as id, i.number, c.amount::text as collected, coalesce(v.amount, 0)::text as net_vat
      from collected c join invoices i on i.id = c.target left join net_vat v on v.target = c.target
      where c.amount < 0 or c.amount > coalesce(v.amount, 0)
      order by c.target`),
  );
  return rows.map((r) => {
    const subject = `facture ${r.number ?? r.id}`;
    return {
      check: "invoice_vat" as const,
      subject,
      expected: `entre 0.00 et ${amount(r.net_vat)}`,
      found: amount(r.collected),
      message: `${subject} : TVA exigible (44571) ${amount(r.collected)} hors de [0 ; ${amount(r.net_vat)}], la TVA de la facture nette de ses avoirs`,
    };
  });
}
