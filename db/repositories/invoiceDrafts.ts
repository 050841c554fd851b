import { eq } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { InputError, NotFoundError, RuleError, SystemError } from "../../engine/errors.js";
import type { InvoiceKind, UnitCode } from "../../engine/invoice/invoiceDocument.js";
import { type Decimal, roundCents, toAmountString, toPlainString } from "../../engine/money/money.js";
import { DEFAULT_PAYMENT_TERMS, type PaymentTerms, dueDate as computeDueDate } from "../../engine/terms/paymentTerms.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import type { VatExemption, VatRate } from "../../engine/vat/vatRate.js";
import type { Database } from "../database.js";
import { withDatabaseErrors } from "../postgresError.js";
import { clients } from "../schema/clients.js";
import { invoiceLines, invoices } from "../schema/invoices.js";
import { contracts } from "../schema/projects.js";
import { findSellerSettings } from "./seller.js";
import { type StoredInvoice, type StoredInvoiceLine, invoiceFromRow, lineFromRow } from "./storedInvoice.js";

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
      if (!row) throw new SystemError("brouillon non enregistré", { code: "draft_not_stored" });
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
