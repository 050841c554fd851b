import { asc, eq, sql } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { InputError, NotFoundError, RuleError, SystemError } from "../../engine/errors.js";
import { assertBalanced } from "../../engine/ledger/journalEntry.js";
import { creditNoteVatSplit, postInvoice } from "../../engine/ledger/postInvoice.js";
import { ZERO, toAmountString } from "../../engine/money/money.js";
import { itemsBilledOnce } from "../../engine/schedule/billedOnce.js";
import { dueDate as computeDueDate } from "../../engine/terms/paymentTerms.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import { auditRowAfter, auditRowWrites } from "../audit/appendAudit.js";
import { actionDigest } from "../canonicalDigest.js";
import { type Database, rowsOf } from "../database.js";
import { invoiceVatPosition } from "../ledger/invoiceVatPosition.js";
import { advanceSeries, nextNumberOf, seriesIdForKind } from "../numbering/takeNextNumber.js";
import { withDatabaseErrors } from "../postgresError.js";
import { auditHead } from "../schema/audit.js";
import { clients } from "../schema/clients.js";
import { billedScheduleItems, type InvoiceRow, invoiceLines, invoices } from "../schema/invoices.js";
import { numberingSeries } from "../schema/numberingSeries.js";
import { contracts } from "../schema/projects.js";
import { buyerParty } from "./clients.js";
import { settleCorrectedInvoice } from "./creditNotes.js";
import { findSellerSettings, sellerParty } from "./seller.js";
import { type StoredInvoice, type StoredInvoiceLine, invoiceFromRow, lineFromRow } from "./storedInvoice.js";

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
        status: "issued",
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
      } satisfies Partial<InvoiceRow>;
      const issue = tx.update(invoices).set(issuedValues).where(eq(invoices.id, draft.id)).returning({ id: invoices.id });
      const contractId = draft.contractId;
      const billed =
        onceItems.length > 0 && contractId !== null
          ? sql`billed as (${tx
              .insert(billedScheduleItems)
              .values(onceItems.map((itemIndex) => ({ contractId, itemIndex, invoiceId: draft.id })))
              .getSQL()}),`
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
          issued as (${issue.getSQL()}),
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
      if (written.length !== 1) throw new SystemError(`la facture ${draft.id} verrouillée n'a pas été émise`, { code: "issue_not_written" });
      if (draft.kind === "credit_note" && draft.correctsInvoiceId !== null) await settleCorrectedInvoice(tx, draft.correctsInvoiceId, now);
      const issued: InvoiceRow = { ...draft, ...issuedValues };
      return { invoice: invoiceFromRow(issued), lines, replayed: false };
    }),
  );
}

/** The schedule items the lines bill that may be billed only once (the engine's rule, on the contract's typed schedule). */
async function scheduleItemsBilledOnce(tx: Database, contractId: number | null, lines: readonly StoredInvoiceLine[]): Promise<number[]> {
  if (contractId === null || lines.every((l) => l.scheduleItemIndex === null)) return [];
  const [contract] = await tx.select({ schedule: contracts.schedule }).from(contracts).where(eq(contracts.id, contractId));
  if (!contract) throw new SystemError(`contrat ${contractId} de la facture introuvable`, { code: "invoice_contract_missing" });
  return itemsBilledOnce(contract.schedule, lines.map((l) => l.scheduleItemIndex));
}
