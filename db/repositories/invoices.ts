import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import type { InvoiceKind, UnitCode } from "../../engine/invoice/invoiceDocument.js";
import { assertBalanced } from "../../engine/ledger/journalEntry.js";
import { creditNoteVatSplit, postInvoice } from "../../engine/ledger/postInvoice.js";
import { type Decimal, ZERO, roundCents, toAmountString, toDecimal, toPlainString } from "../../engine/money/money.js";
import { DEFAULT_PAYMENT_TERMS, type PaymentTerms, dueDate as computeDueDate } from "../../engine/terms/paymentTerms.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import type { VatExemption, VatRate } from "../../engine/vat/vatRate.js";
import { appendAudit, auditRowAfter, auditRowWrites } from "../audit/appendAudit.js";
import { actionDigest } from "../canonicalDigest.js";
import { type Database, rowsOf } from "../database.js";
import { invoiceVatPosition } from "../ledger/invoiceVatPosition.js";
import { advanceSeries, nextNumberOf, seriesIdForKind } from "../numbering/takeNextNumber.js";
import { auditHead } from "../schema/audit.js";
import { numberingSeries } from "../schema/numberingSeries.js";
import { withDatabaseErrors } from "../postgresError.js";
import { clients } from "../schema/clients.js";
import {
  type InvoiceLineRow,
  type InvoiceRow,
  type InvoiceStatus,
  invoiceLines,
  invoices,
} from "../schema/invoices.js";
import { paymentAllocations, payments } from "../schema/payments.js";
import { contracts } from "../schema/projects.js";
import { reminders, type ReminderRow } from "../schema/reminders.js";
import { buyerParty } from "./clients.js";
import { settleCorrectedInvoice } from "./creditNotes.js";
import { findSellerSettings, getSellerSettings, sellerParty } from "./seller.js";

// ---------------------------------------------------------------------------------------------
// Values

export interface StoredInvoiceLine extends Omit<InvoiceLineRow, "quantity" | "unitPrice" | "net" | "vatRate" | "vatExemption"> {
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly net: Decimal;
  readonly vatRate: VatRate;
  readonly vatExemption: VatExemption | null;
}

export interface StoredInvoice extends Omit<InvoiceRow, "netAmount" | "vatAmount" | "amountDue" | "amountPaid"> {
  readonly netAmount: Decimal;
  readonly vatAmount: Decimal;
  readonly amountDue: Decimal;
  readonly amountPaid: Decimal;
  /** amountDue − amountPaid. */
  readonly balance: Decimal;
}

export function invoiceFromRow(row: InvoiceRow): StoredInvoice {
  const amountDue = toDecimal(row.amountDue);
  const amountPaid = toDecimal(row.amountPaid);
  return {
    ...row,
    netAmount: toDecimal(row.netAmount),
    vatAmount: toDecimal(row.vatAmount),
    amountDue,
    amountPaid,
    balance: amountDue.minus(amountPaid),
  };
}

export function lineFromRow(row: InvoiceLineRow): StoredInvoiceLine {
  return {
    ...row,
    quantity: toDecimal(row.quantity),
    unitPrice: toDecimal(row.unitPrice),
    net: toDecimal(row.net),
    vatRate: row.vatRate as VatRate,
    vatExemption: (row.vatExemption as VatExemption | null) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Drafts

export interface DraftLineInput {
  readonly label: string;
  readonly quantity: Decimal;
  readonly unitCode?: UnitCode | undefined;
  readonly unitPrice: Decimal;
  /** Rounded to the cent; negative for deduction lines and credit notes. */
  readonly net: Decimal;
  readonly vatRate: VatRate;
  readonly vatExemption?: VatExemption | undefined;
  /** The contract schedule item (échéance) this line bills. */
  readonly scheduleItemIndex?: number | undefined;
  /** A deduction line: the issued deposit invoice it deducts. */
  readonly deductsInvoiceId?: number | undefined;
}

export interface DraftInvoiceInput {
  readonly kind: InvoiceKind;
  readonly clientId: number;
  readonly projectId?: number | undefined;
  readonly contractId?: number | undefined;
  /** Intended issue date (the issue may set another). */
  readonly issueDate?: IsoDate | undefined;
  /** Defaults to the contract's, else the client's, else the seller's terms. */
  readonly paymentTerms?: PaymentTerms | undefined;
  readonly lines: readonly DraftLineInput[];
  readonly correctsInvoiceId?: number | undefined;
  readonly correctionReason?: string | undefined;
  readonly buyerReference?: string | undefined;
  readonly purchaseOrder?: string | undefined;
  readonly supplyType?: "services" | "goods" | "mixed" | undefined;
  readonly notes?: readonly string[] | undefined;
  readonly createdBy: string;
}

/**
 * Stores a draft (no number) from an engine invoice value. Totals are computed here from the
 * lines (VAT once per rate), never taken from the caller.
 */
export async function createDraftInvoice(db: Database, input: DraftInvoiceInput): Promise<{ invoice: StoredInvoice; lines: StoredInvoiceLine[] }> {
  if (input.lines.length === 0) throw new InputError("une facture a au moins une ligne", { field: "lines" });
  input.lines.forEach((l, i) => {
    if (!roundCents(l.net).equals(l.net)) throw new InputError("doit être arrondi au centime", { field: `lines[${i}].net` });
    if (l.label.trim() === "") throw new InputError("ne doit pas être vide", { field: `lines[${i}].label` });
  });
  const totals = computeTotals(input.lines);
  if (input.kind === "credit_note") {
    if (totals.netAmount.isPositive() && !totals.netAmount.isZero()) throw new InputError("un avoir a un montant négatif", { field: "lines" });
    if (input.correctsInvoiceId === undefined) throw new InputError("un avoir indique la facture qu'il corrige", { field: "correctsInvoiceId" });
    if (!input.correctionReason?.trim()) throw new InputError("un avoir indique le motif de la correction", { field: "correctionReason" });
  } else if (totals.netAmount.isNegative()) {
    throw new InputError("le total hors taxes est négatif : émettez un avoir", { field: "lines" });
  }
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const [client] = await tx.select().from(clients).where(eq(clients.id, input.clientId));
      if (!client) throw new NotFoundError(`client ${input.clientId} introuvable`, { field: "clientId" });
      let contractTerms: PaymentTerms | null = null;
      if (input.contractId !== undefined) {
        const [contract] = await tx.select().from(contracts).where(eq(contracts.id, input.contractId));
        if (!contract) throw new NotFoundError(`contrat ${input.contractId} introuvable`, { field: "contractId" });
        contractTerms = contract.paymentTerms;
      }
      if (input.correctsInvoiceId !== undefined) {
        const [corrected] = await tx.select().from(invoices).where(eq(invoices.id, input.correctsInvoiceId));
        if (!corrected || corrected.status === "draft") throw new NotFoundError("la facture corrigée est introuvable ou n'est pas émise", { field: "correctsInvoiceId" });
        if (corrected.clientId !== input.clientId) throw new RuleError("l'avoir et la facture corrigée ont des clients différents", { field: "correctsInvoiceId" });
      }
      for (const [i, l] of input.lines.entries()) {
        if (l.deductsInvoiceId === undefined) continue;
        const [deposit] = await tx.select().from(invoices).where(eq(invoices.id, l.deductsInvoiceId));
        if (!deposit || deposit.kind !== "deposit" || deposit.status === "draft") {
          throw new RuleError("ne désigne pas une facture d'acompte émise", { field: `lines[${i}].deductsInvoiceId` });
        }
      }
      const seller = await findSellerSettings(tx);
      const terms = input.paymentTerms ?? contractTerms ?? client.paymentTerms ?? seller?.defaultPaymentTerms ?? DEFAULT_PAYMENT_TERMS;
      const [row] = await tx
        .insert(invoices)
        .values({
          kind: input.kind,
          status: "draft",
          issueDate: input.issueDate ?? null,
          dueDate: input.issueDate ? computeDueDate(input.issueDate, terms) : null,
          clientId: input.clientId,
          projectId: input.projectId ?? null,
          contractId: input.contractId ?? null,
          netAmount: toAmountString(totals.netAmount),
          vatAmount: toAmountString(totals.vatAmount),
          amountDue: toAmountString(totals.amountDue),
          paymentTerms: terms,
          buyerReference: input.buyerReference ?? null,
          purchaseOrder: input.purchaseOrder ?? null,
          supplyType: input.supplyType ?? "services",
          notes: [...(input.notes ?? [])],
          correctsInvoiceId: input.correctsInvoiceId ?? null,
          correctionReason: input.correctionReason ?? null,
          createdBy: input.createdBy,
        })
        .returning();
      if (!row) throw new NotFoundError("brouillon non enregistré");
      const lineRows = await tx
        .insert(invoiceLines)
        .values(
          input.lines.map((l, position) => ({
            invoiceId: row.id,
            position,
            label: l.label,
            quantity: toPlainString(l.quantity),
            unitCode: l.unitCode ?? "C62",
            unitPrice: toPlainString(l.unitPrice),
            net: toAmountString(l.net),
            vatRate: l.vatRate,
            vatExemption: l.vatExemption ?? null,
            scheduleItemIndex: l.scheduleItemIndex ?? null,
            deductsInvoiceId: l.deductsInvoiceId ?? null,
          })),
        )
        .returning();
      return { invoice: invoiceFromRow(row), lines: lineRows.map(lineFromRow) };
    }),
  );
}

/** Deletes a draft (an issued invoice cannot be deleted: the trigger refuses). */
export async function deleteDraftInvoice(db: Database, invoiceId: number): Promise<void> {
  await withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("no key update");
      if (!row) throw new NotFoundError(`facture ${invoiceId} introuvable`, { field: "invoiceId" });
      if (row.status !== "draft") throw new RuleError(`la facture ${row.number} est émise : elle ne peut pas être supprimée`, { code: "issued_invoice_immutable" });
      await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId));
      await tx.delete(invoices).where(eq(invoices.id, invoiceId));
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Issue

export interface IssueInvoiceOptions {
  readonly invoiceId: number;
  /** Defaults to the draft's intended date. */
  readonly issueDate?: IsoDate | undefined;
  readonly actor: string;
  readonly channel: string;
  /** E.g. the pending action id. Issuing twice with the same key returns the first result. */
  readonly idempotencyKey?: string | undefined;
  readonly pendingActionId?: string | undefined;
  readonly now?: Date | undefined;
  /** Test hook: runs right after the number is taken (a throw must leave nothing behind). */
  readonly afterNumber?: ((number: string) => void | Promise<void>) | undefined;
}

export interface IssueInvoiceResult {
  readonly invoice: StoredInvoice;
  readonly lines: readonly StoredInvoiceLine[];
  /** True when the idempotency key had already issued this invoice (nothing was done). */
  readonly replayed: boolean;
}

/**
 * Issues a draft in ONE transaction: lock the draft, snapshot seller and buyer, take the next
 * number of the series (row lock), mark milestones as billed, post the sales-journal entry and
 * append the audit row. Any failure rolls everything back, the number included.
 * Lock order: invoice → numbering series → audit head (no deadlock between issuers).
 */
export async function issueInvoice(db: Database, options: IssueInvoiceOptions): Promise<IssueInvoiceResult> {
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      if (options.idempotencyKey) {
        const [previous] = await tx.select().from(invoices).where(eq(invoices.idempotencyKey, options.idempotencyKey));
        if (previous) {
          if (previous.id !== options.invoiceId) {
            throw new RuleError("cette clé d'idempotence a déjà servi à émettre une autre facture", { field: "idempotencyKey", code: "already_issued" });
          }
          const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, previous.id)).orderBy(asc(invoiceLines.position));
          return { invoice: invoiceFromRow(previous), lines: lines.map(lineFromRow), replayed: true };
        }
      }
      // Sent together (pipelined on one connection, run in this order): the draft locked, its lines,
      // the seller and the client; checked below in the same order as before.
      const [[draft], lineRows, sellerFound, [client]] = await Promise.all([
        tx.select().from(invoices).where(eq(invoices.id, options.invoiceId)).for("no key update"),
        tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, options.invoiceId)).orderBy(asc(invoiceLines.position)),
        findSellerSettings(tx),
        tx.select().from(clients).where(eq(clients.id, sql`(select client_id from invoices where id = ${options.invoiceId})`)),
      ]);
      if (!draft) throw new NotFoundError(`facture ${options.invoiceId} introuvable`, { field: "invoiceId" });
      if (draft.status !== "draft") {
        throw new RuleError(`la facture ${draft.number} est déjà émise`, { field: "invoiceId", code: "already_issued" });
      }
      const issueDate = options.issueDate ?? draft.issueDate;
      if (!issueDate) throw new InputError("date d'émission manquante", { field: "issueDate" });
      const lines = lineRows.map(lineFromRow);
      const totals = computeTotals(lines.map((l) => ({ net: l.net, vatRate: l.vatRate, vatExemption: l.vatExemption ?? undefined })));
      const stored = invoiceFromRow(draft);
      if (!totals.netAmount.equals(stored.netAmount) || !totals.vatAmount.equals(stored.vatAmount) || !totals.amountDue.equals(stored.amountDue)) {
        throw new RuleError("les totaux du brouillon ne correspondent pas à ses lignes", { code: "totals_mismatch" });
      }
      if (!sellerFound) throw new NotFoundError("paramètres de l'entreprise absents : renseignez la raison sociale, l'adresse et le SIREN avant d'émettre");
      const seller = sellerFound;
      if (!client) throw new NotFoundError(`client ${draft.clientId} introuvable`, { field: "clientId" });
      let correctsDeposit = false;
      let vatReversedFromCollected = ZERO;
      if (draft.correctsInvoiceId !== null) {
        // Locked: its status follows from its credit notes, and two credit notes on it go one after the other.
        const [corrected] = await tx.select().from(invoices).where(eq(invoices.id, draft.correctsInvoiceId)).for("no key update");
        correctsDeposit = corrected?.kind === "deposit";
        if (draft.kind === "credit_note" && corrected && !seller.vatOnDebits) {
          const position = await invoiceVatPosition(tx, corrected.id);
          vatReversedFromCollected = creditNoteVatSplit(stored.vatAmount.negated(), position.pending).fromCollected;
        }
      }
      const onceItems = await scheduleItemsBilledOnce(tx, draft.contractId, lines);
      const sellerSnapshot = { ...sellerParty(seller), latePenaltyRate: seller.latePenaltyRate.toString(), recoveryFee: toAmountString(seller.recoveryFee) };
      const due = computeDueDate(issueDate, draft.paymentTerms);

      const seriesId = seriesIdForKind(draft.kind);
      const buyerSnapshot = buyerParty(client);
      const now = options.now ?? new Date();
      const auditDetails = { invoiceId: draft.id, kind: draft.kind, amountDue: toAmountString(stored.amountDue) };

      // From here the series row and the audit chain head are locked until commit (lock order: invoice →
      // series → audit head, as every writer): one statement to lock them, one to write, the commit.
      const [locked] = await tx
        .select({ series: numberingSeries, head: auditHead })
        .from(numberingSeries)
        .innerJoin(auditHead, eq(auditHead.id, 1))
        .where(eq(numberingSeries.id, seriesId))
        .for("update");
      if (!locked) throw new NotFoundError(`série de numérotation « ${seriesId} » introuvable`);
      const next = nextNumberOf(locked.series, issueDate);
      const number = next.number;
      if (options.afterNumber) await options.afterNumber(number);
      const entry = postInvoice({
        invoiceId: draft.id,
        kind: draft.kind,
        number,
        issueDate,
        clientName: client.name,
        netAmount: stored.netAmount,
        vatAmount: stored.vatAmount,
        amountDue: stored.amountDue,
        lines: lines.map((l) => ({ net: l.net, deductsDeposit: l.deductsInvoiceId !== null })),
        correctsDeposit,
        vatOnDebits: seller.vatOnDebits,
        vatReversedFromCollected,
      });
      assertBalanced(entry);
      const auditRow = auditRowAfter(locked.head, {
        actor: options.actor,
        channel: options.channel,
        action: "invoice_issued",
        subjectType: "invoice",
        subjectId: number,
        pendingActionId: options.pendingActionId,
        payloadDigest: actionDigest("invoice_issued", {
          number,
          kind: draft.kind,
          issueDate,
          clientId: draft.clientId,
          netAmount: toAmountString(stored.netAmount),
          vatAmount: toAmountString(stored.vatAmount),
          amountDue: toAmountString(stored.amountDue),
        }),
        details: auditDetails,
        at: now,
      });
      const issuedValues = {
        status: "issued" as const,
        number,
        seriesId,
        issueDate,
        dueDate: due,
        sellerSnapshot,
        buyerSnapshot,
        buyerReference: draft.buyerReference,
        idempotencyKey: options.idempotencyKey ?? null,
        issuedAt: now,
        issuedBy: options.actor,
      };
      const billed =
        onceItems.length > 0 && draft.contractId !== null
          ? sql`billed as (insert into billed_schedule_items (contract_id, item_index, invoice_id) values ${sql.join(
              onceItems.map((itemIndex) => sql`(${draft.contractId}, ${itemIndex}, ${draft.id})`),
              sql`, `,
            )}),`
          : sql``;
      const entryLines = sql.join(
        entry.lines.map(
          (l, position) =>
            sql`(${position}::int, ${l.account}::text, ${l.label}::text, ${toAmountString(l.debit)}::numeric, ${toAmountString(l.credit)}::numeric, ${l.invoiceId ?? null}::int)`,
        ),
        sql`, `,
      );
      // One round trip: the series moves, the invoice is issued, its journal entry and lines and the
      // audit row are written, the chain head moves.
      const written = rowsOf<{ id: number }>(
        await tx.execute(sql`
          with series as (${advanceSeries(next)}),
          issued as (
            update invoices set status = 'issued', number = ${number}, series_id = ${seriesId}, issue_date = ${issueDate}, due_date = ${due},
              seller_snapshot = ${JSON.stringify(sellerSnapshot)}::jsonb, buyer_snapshot = ${JSON.stringify(buyerSnapshot)}::jsonb,
              buyer_reference = ${draft.buyerReference}, idempotency_key = ${issuedValues.idempotencyKey}, issued_at = ${now.toISOString()}::timestamptz,
              issued_by = ${options.actor}
            where id = ${draft.id} returning id),
          entry as (
            insert into ledger_entries (journal, entry_date, kind, label, invoice_id)
            select ${entry.journal}, ${entry.date}::date, ${entry.kind}, ${entry.label}, id from issued returning id),
          entry_lines as (
            insert into ledger_lines (entry_id, position, account, label, debit, credit, invoice_id)
            select entry.id, v.position, v.account, v.label, v.debit, v.credit, v.invoice_id
            from entry cross join (values ${entryLines}) as v(position, account, label, debit, credit, invoice_id)),
          ${billed}
          ${auditRowWrites(auditRow)}
          select id from issued`),
      );
      if (written.length !== 1) throw new NotFoundError(`facture ${draft.id} introuvable`);
      if (draft.kind === "credit_note" && draft.correctsInvoiceId !== null) await settleCorrectedInvoice(tx, draft.correctsInvoiceId, now);
      const issued: InvoiceRow = { ...draft, ...issuedValues };
      return { invoice: invoiceFromRow(issued), lines, replayed: false };
    }),
  );
}

/** Indexes of the lines' schedule items that bill a percent or an amount (those fire at most once). */
async function scheduleItemsBilledOnce(tx: Database, contractId: number | null, lines: readonly StoredInvoiceLine[]): Promise<number[]> {
  const indexes = [...new Set(lines.map((l) => l.scheduleItemIndex).filter((i): i is number => i !== null))];
  if (contractId === null || indexes.length === 0) return [];
  const [contract] = await tx.select({ schedule: contracts.schedule }).from(contracts).where(eq(contracts.id, contractId));
  const schedule = contract?.schedule ?? [];
  return indexes.filter((i) => {
    const bill = (schedule[i] as { bill?: Record<string, unknown> } | undefined)?.bill;
    return bill !== undefined && (bill.percent !== undefined || bill.amount !== undefined);
  });
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface InvoiceFilter {
  readonly status?: readonly InvoiceStatus[] | undefined;
  readonly kind?: readonly InvoiceKind[] | undefined;
  readonly clientId?: number | undefined;
  readonly projectId?: number | undefined;
  /** Only invoices with a balance whose due date is before this date. */
  readonly overdueAsOf?: IsoDate | undefined;
  /** Issue date within [from, to]. */
  readonly issuedFrom?: IsoDate | undefined;
  readonly issuedTo?: IsoDate | undefined;
  readonly limit?: number | undefined;
}

const OPEN_STATUSES: InvoiceStatus[] = ["issued", "sent", "partially_paid"];

export async function listInvoices(db: Database, filter: InvoiceFilter = {}): Promise<StoredInvoice[]> {
  const conditions: (SQL | undefined)[] = [
    filter.status && filter.status.length > 0 ? inArray(invoices.status, [...filter.status]) : undefined,
    filter.kind && filter.kind.length > 0 ? inArray(invoices.kind, [...filter.kind]) : undefined,
    filter.clientId !== undefined ? eq(invoices.clientId, filter.clientId) : undefined,
    filter.projectId !== undefined ? eq(invoices.projectId, filter.projectId) : undefined,
    filter.overdueAsOf ? and(inArray(invoices.status, OPEN_STATUSES), lt(invoices.dueDate, filter.overdueAsOf)) : undefined,
    filter.issuedFrom ? gte(invoices.issueDate, filter.issuedFrom) : undefined,
    filter.issuedTo ? lte(invoices.issueDate, filter.issuedTo) : undefined,
  ];
  const query = db
    .select()
    .from(invoices)
    .where(and(...conditions))
    .orderBy(asc(invoices.issueDate), asc(invoices.number), asc(invoices.id));
  const rows = filter.limit ? await query.limit(filter.limit) : await query;
  return rows.map(invoiceFromRow);
}

export interface InvoiceDetails {
  readonly invoice: StoredInvoice;
  readonly lines: readonly StoredInvoiceLine[];
  readonly payments: readonly { paymentId: number; receivedOn: IsoDate; amount: Decimal; method: string; reference: string | null }[];
  readonly reminders: readonly ReminderRow[];
}

/** Finds an invoice by id or by number ("F-2026-00042"). */
export async function findInvoice(db: Database, idOrNumber: number | string): Promise<StoredInvoice | undefined> {
  const where = typeof idOrNumber === "number" ? eq(invoices.id, idOrNumber) : eq(invoices.number, idOrNumber);
  const [row] = await db.select().from(invoices).where(where);
  return row ? invoiceFromRow(row) : undefined;
}

export async function getInvoice(db: Database, idOrNumber: number | string): Promise<InvoiceDetails> {
  const invoice = await findInvoice(db, idOrNumber);
  if (!invoice) throw new NotFoundError(`facture ${idOrNumber} introuvable`, { field: "invoice" });
  const [lineRows, paymentRows, reminderRows] = await Promise.all([
    db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position)),
    db
      .select({
        paymentId: payments.id,
        // An imputed client credit is shown on the day it was imputed.
        receivedOn: sql<IsoDate>`coalesce(${paymentAllocations.allocatedOn}, ${payments.receivedOn})::text`,
        amount: paymentAllocations.amount,
        method: payments.method,
        reference: payments.reference,
      })
      .from(paymentAllocations)
      .innerJoin(payments, eq(payments.id, paymentAllocations.paymentId))
      .where(eq(paymentAllocations.invoiceId, invoice.id))
      .orderBy(asc(payments.receivedOn), asc(payments.id)),
    db.select().from(reminders).where(eq(reminders.invoiceId, invoice.id)).orderBy(asc(reminders.remindedOn), asc(reminders.id)),
  ]);
  return {
    invoice,
    lines: lineRows.map(lineFromRow),
    payments: paymentRows.map((p) => ({ ...p, amount: toDecimal(p.amount) })),
    reminders: reminderRows,
  };
}

/** The last issued invoices first (for "where are we" views). */
export async function latestIssuedInvoices(db: Database, limit = 20): Promise<StoredInvoice[]> {
  const rows = await db
    .select()
    .from(invoices)
    .where(or(eq(invoices.status, "issued"), eq(invoices.status, "sent"), eq(invoices.status, "partially_paid"), eq(invoices.status, "paid")))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(limit);
  return rows.map(invoiceFromRow);
}

// ---------------------------------------------------------------------------------------------
// Status changes allowed on issued invoices

async function lockIssued(tx: Database, invoiceId: number): Promise<InvoiceRow> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("no key update");
  if (!row) throw new NotFoundError(`facture ${invoiceId} introuvable`, { field: "invoiceId" });
  if (row.status === "draft") throw new RuleError("un brouillon ne peut pas être envoyé ni contesté : émettez-le d'abord", { field: "invoiceId", code: "not_issued" });
  return row;
}

export async function markInvoiceSent(
  db: Database,
  invoiceId: number,
  options: { channel: string; actor: string; at?: Date | undefined },
): Promise<StoredInvoice> {
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const row = await lockIssued(tx, invoiceId);
      const at = options.at ?? new Date();
      const [updated] = await tx
        .update(invoices)
        .set({ status: row.status === "issued" ? "sent" : row.status, sentAt: at, sentChannel: options.channel })
        .where(eq(invoices.id, invoiceId))
        .returning();
      await appendAudit(tx, { actor: options.actor, channel: options.channel, action: "invoice_sent", subjectType: "invoice", subjectId: row.number ?? invoiceId, at });
      return invoiceFromRow(updated ?? row);
    }),
  );
}

export async function markInvoiceDisputed(
  db: Database,
  invoiceId: number,
  options: { disputed: boolean; reason?: string | undefined; actor: string; channel: string; at?: Date | undefined },
): Promise<StoredInvoice> {
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const row = await lockIssued(tx, invoiceId);
      const at = options.at ?? new Date();
      const [updated] = await tx
        .update(invoices)
        .set({ disputed: options.disputed, disputeReason: options.disputed ? (options.reason ?? null) : null, disputedAt: options.disputed ? at : null })
        .where(eq(invoices.id, invoiceId))
        .returning();
      await appendAudit(tx, {
        actor: options.actor,
        channel: options.channel,
        action: options.disputed ? "invoice_disputed" : "invoice_dispute_closed",
        subjectType: "invoice",
        subjectId: row.number ?? invoiceId,
        details: options.reason ? { reason: options.reason } : {},
        at,
      });
      return invoiceFromRow(updated ?? row);
    }),
  );
}
