import { and, eq } from "drizzle-orm";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import type { UnitCode } from "../../engine/invoice/invoiceDocument.js";
import { postInvoice } from "../../engine/ledger/postInvoice.js";
import { Decimal, roundCents, toAmountString, toDecimal } from "../../engine/money/money.js";
import { computeTotals } from "../../engine/vat/vatBreakdown.js";
import type { VatExemption, VatRate } from "../../engine/vat/vatRate.js";
import { appendAudit } from "../audit/appendAudit.js";
import { actionDigest } from "../canonicalDigest.js";
import { writeJournalEntry } from "../ledger/writeJournalEntry.js";
import { settleCorrectedInvoice } from "../repositories/creditNotes.js";
import { seriesIdForKind } from "../numbering/takeNextNumber.js";
import { buyerParty, findClientByRef } from "../repositories/clients.js";
import { createDraftInvoice, type DraftLineInput } from "../repositories/invoiceDrafts.js";
import { findInvoice, getInvoice } from "../repositories/invoiceQueries.js";
import type { Contract } from "../repositories/projects.js";
import { findSellerSettings, sellerParty } from "../repositories/seller.js";
import { billedScheduleItems, invoices } from "../schema/invoices.js";
import { contracts, projects } from "../schema/projects.js";
import { underField } from "./fieldPath.js";
import type { ImportContext } from "./importContext.js";
import type { HistoryInvoice } from "./importFormat.js";
import { assertSameRecord } from "./recordConflict.js";

const UNIT_CODES: Record<"hour" | "day" | "unit", UnitCode> = { hour: "HUR", day: "DAY", unit: "C62" };

/** An imported issued invoice, for the numbering series. */
export interface ImportedNumber {
  readonly seriesId: string;
  readonly number: string;
  readonly issueDate: string;
}

/** Issue time of an imported invoice: noon UTC of its issue date (deterministic, no clock). */
export const importedAt = (date: string) => new Date(`${date}T12:00:00.000Z`);

async function resolveProject(ctx: ImportContext, inv: HistoryInvoice, field: string, clientId: number): Promise<{ projectId: number | null; contract: Contract | null }> {
  if (inv.contract !== undefined) {
    const [contract] = await ctx.tx.select().from(contracts).where(eq(contracts.ref, inv.contract));
    if (!contract) throw new NotFoundError(`contrat « ${inv.contract} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.contract` });
    const [project] = await ctx.tx.select().from(projects).where(eq(projects.id, contract.projectId));
    if (project?.clientId !== clientId) throw new RuleError(`le contrat « ${inv.contract} » est celui d'un autre client`, { field: `${field}.contract` });
    if (inv.project !== undefined && project.ref !== inv.project) throw new RuleError(`le contrat « ${inv.contract} » n'appartient pas au projet « ${inv.project} »`, { field: `${field}.project` });
    return { projectId: project.id, contract };
  }
  if (inv.project === undefined) return { projectId: null, contract: null };
  const [project] = await ctx.tx.select().from(projects).where(eq(projects.ref, inv.project));
  if (!project) throw new NotFoundError(`projet « ${inv.project} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.project` });
  if (project.clientId !== clientId) throw new RuleError(`le projet « ${inv.project} » est celui d'un autre client`, { field: `${field}.project` });
  const list = await ctx.tx.select().from(contracts).where(eq(contracts.projectId, project.id));
  return { projectId: project.id, contract: list.length === 1 ? (list[0] ?? null) : null };
}

/** The lines of the file as draft lines (net = quantity × unit price, rounded to the cent). */
async function draftLines(ctx: ImportContext, inv: HistoryInvoice, field: string, clientId: number, contract: Contract | null): Promise<DraftLineInput[]> {
  const lines: DraftLineInput[] = [];
  for (const [j, l] of inv.lines.entries()) {
    const lf = `${field}.lines[${j}]`;
    let deductsInvoiceId: number | undefined;
    let unitPrice = l.unitPrice === undefined ? undefined : toDecimal(l.unitPrice);
    if (l.deducts !== undefined) {
      const deposit = await findInvoice(ctx.tx, l.deducts);
      if (!deposit || deposit.status === "draft") throw new NotFoundError(`facture d'acompte « ${l.deducts} » introuvable (ni dans le fichier ni en base)`, { field: `${lf}.deducts` });
      if (deposit.kind !== "deposit") throw new RuleError(`« ${l.deducts} » n'est pas une facture d'acompte`, { field: `${lf}.deducts` });
      if (deposit.clientId !== clientId) throw new RuleError(`l'acompte « ${l.deducts} » est celui d'un autre client`, { field: `${lf}.deducts` });
      deductsInvoiceId = deposit.id;
      unitPrice ??= deposit.netAmount.negated();
    }
    if (l.item !== undefined) {
      if (!contract) throw new InputError("une ligne d'échéance suppose un contrat (indiquer contract ou un projet à un seul contrat)", { field: `${lf}.item` });
      if (l.item >= contract.schedule.length) throw new InputError(`échéance inconnue : le contrat « ${contract.ref ?? contract.name} » en a ${contract.schedule.length}`, { field: `${lf}.item` });
    }
    const quantity = toDecimal(l.quantity);
    const price = unitPrice ?? new Decimal(0);
    lines.push({
      label: l.label,
      quantity,
      unitCode: UNIT_CODES[l.unit],
      unitPrice: price,
      net: roundCents(quantity.times(price)),
      vatRate: (l.vatRate ?? contract?.vatRate ?? "20") as VatRate,
      vatExemption: (l.vatExemption ?? contract?.vatExemption ?? undefined) as VatExemption | undefined,
      scheduleItemIndex: l.item,
      deductsInvoiceId,
    });
  }
  return lines;
}

/** Checks the totals the file states (if any) against what its lines give. */
function checkStatedTotals(inv: HistoryInvoice, field: string, computed: { netAmount: Decimal; vatAmount: Decimal; amountDue: Decimal }): void {
  for (const key of ["netAmount", "vatAmount", "amountDue"] as const) {
    const stated = inv[key];
    if (stated !== undefined && !toDecimal(stated).equals(computed[key])) {
      throw new InputError(`ne correspond pas aux lignes (${stated} indiqué, ${toAmountString(computed[key])} calculé : TVA une fois par taux, au centime)`, { field: `${field}.${key}` });
    }
  }
}

/**
 * Imports already-issued invoices, deposits and credit notes with their own numbers (an accounting
 * migration): each is stored as the issuing transaction would leave it — lines, totals computed here,
 * seller and buyer snapshots, milestones marked billed, its sales-journal entry and an audit row —
 * inside the import's transaction. Processed in issue-date order (file order within a date), so
 * deposits come before the invoices deducting them. An invoice whose number exists is compared.
 */
export async function importHistoryInvoices(ctx: ImportContext, list: readonly HistoryInvoice[]): Promise<ImportedNumber[]> {
  if (list.length === 0) return [];
  const seller = await findSellerSettings(ctx.tx);
  if (!seller) throw new InputError("les paramètres de l'entreprise sont absents : ajoutez la section seller au fichier", { field: "history.invoices", code: "seller_missing" });
  const order = list.map((inv, index) => ({ inv, index })).sort((a, b) => (a.inv.issueDate < b.inv.issueDate ? -1 : a.inv.issueDate > b.inv.issueDate ? 1 : a.index - b.index));
  const imported: ImportedNumber[] = [];
  for (const { inv, index } of order) {
    const field = `history.invoices[${index}]`;
    const client = await findClientByRef(ctx.tx, inv.client);
    if (!client) throw new NotFoundError(`client « ${inv.client} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.client` });
    const { projectId, contract } = await resolveProject(ctx, inv, field, client.id);
    const lines = await draftLines(ctx, inv, field, client.id, contract);
    const totals = computeTotals(lines);
    checkStatedTotals(inv, field, totals);

    const existing = await findInvoice(ctx.tx, inv.number);
    if (existing) {
      const details = await getInvoice(ctx.tx, existing.id);
      assertSameRecord(field, `la facture « ${inv.number} »`, {
        kind: inv.kind,
        clientId: client.id,
        issueDate: inv.issueDate,
        netAmount: toAmountString(totals.netAmount),
        vatAmount: toAmountString(totals.vatAmount),
        amountDue: toAmountString(totals.amountDue),
        lines: lines.map((l) => toAmountString(l.net)),
      }, {
        kind: existing.kind,
        clientId: existing.clientId,
        issueDate: existing.issueDate,
        netAmount: toAmountString(existing.netAmount),
        vatAmount: toAmountString(existing.vatAmount),
        amountDue: toAmountString(existing.amountDue),
        lines: details.lines.map((l) => toAmountString(l.net)),
      });
      ctx.counts.invoices.unchanged += 1;
      continue;
    }

    let correctsInvoiceId: number | undefined;
    let correctsDeposit = false;
    if (inv.kind === "credit_note") {
      if (inv.corrects === undefined) throw new InputError("un avoir indique la facture qu'il corrige", { field: `${field}.corrects` });
      const corrected = await findInvoice(ctx.tx, inv.corrects);
      if (!corrected || corrected.status === "draft") throw new NotFoundError(`facture « ${inv.corrects} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.corrects` });
      if (corrected.issueDate !== null && corrected.issueDate > inv.issueDate) throw new RuleError(`l'avoir est antérieur à la facture « ${inv.corrects} » qu'il corrige`, { field: `${field}.issueDate` });
      correctsInvoiceId = corrected.id;
      correctsDeposit = corrected.kind === "deposit";
    } else if (inv.corrects !== undefined) {
      throw new InputError("seul un avoir (kind « credit_note ») corrige une facture", { field: `${field}.corrects` });
    }

    const { invoice: draft } = await underField(field, () =>
      createDraftInvoice(ctx.tx, {
        kind: inv.kind,
        clientId: client.id,
        projectId: projectId ?? undefined,
        contractId: contract?.id,
        issueDate: inv.issueDate,
        paymentTerms: inv.paymentTerms,
        lines,
        correctsInvoiceId,
        correctionReason: inv.kind === "credit_note" ? (inv.reason ?? `Correction de la facture ${inv.corrects ?? ""}`) : undefined,
        buyerReference: inv.buyerReference,
        purchaseOrder: inv.purchaseOrder,
        createdBy: ctx.actor,
      }),
    );
    // A credit note is not to be paid: its due date is its issue date unless the file says otherwise.
    const dueDate = inv.dueDate ?? (inv.kind === "credit_note" ? inv.issueDate : draft.dueDate) ?? inv.issueDate;
    if (dueDate < inv.issueDate) throw new InputError("est antérieure à la date d'émission", { field: `${field}.dueDate` });
    const seriesId = seriesIdForKind(inv.kind);
    const at = importedAt(inv.issueDate);
    await ctx.tx
      .update(invoices)
      .set({
        status: inv.sentOn !== undefined ? "sent" : "issued",
        number: inv.number,
        seriesId,
        issueDate: inv.issueDate,
        dueDate,
        sellerSnapshot: { ...sellerParty(seller), latePenaltyRate: seller.latePenaltyRate.toString(), recoveryFee: toAmountString(seller.recoveryFee) },
        buyerSnapshot: buyerParty(client),
        issuedAt: at,
        issuedBy: ctx.actor,
        sentAt: inv.sentOn !== undefined ? importedAt(inv.sentOn) : null,
        sentChannel: inv.sentOn !== undefined ? "email" : null,
        disputed: inv.disputed,
        disputeReason: inv.disputed ? (inv.disputeReason ?? null) : null,
        disputedAt: inv.disputed ? at : null,
      })
      .where(eq(invoices.id, draft.id));

    if (contract) {
      for (const [j, l] of lines.entries()) {
        if (l.scheduleItemIndex === undefined) continue;
        const bill = (contract.schedule[l.scheduleItemIndex] as { bill?: Record<string, unknown> } | undefined)?.bill;
        if (bill?.percent === undefined && bill?.amount === undefined) continue;
        const [already] = await ctx.tx
          .select({ invoiceId: billedScheduleItems.invoiceId })
          .from(billedScheduleItems)
          .where(and(eq(billedScheduleItems.contractId, contract.id), eq(billedScheduleItems.itemIndex, l.scheduleItemIndex)));
        if (already) {
          if (already.invoiceId === draft.id) continue;
          const other = await findInvoice(ctx.tx, already.invoiceId);
          throw new RuleError(`l'échéance ${l.scheduleItemIndex} du contrat « ${contract.ref ?? contract.name} » est déjà facturée (${other?.number ?? "autre facture"})`, { field: `${field}.lines[${j}].item`, code: "already_invoiced" });
        }
        await ctx.tx.insert(billedScheduleItems).values({ contractId: contract.id, itemIndex: l.scheduleItemIndex, invoiceId: draft.id });
      }
    }

    const entry = postInvoice({
      invoiceId: draft.id,
      kind: inv.kind,
      number: inv.number,
      issueDate: inv.issueDate,
      clientName: client.name,
      netAmount: totals.netAmount,
      vatAmount: totals.vatAmount,
      amountDue: totals.amountDue,
      lines: lines.map((l) => ({ net: l.net, deductsDeposit: l.deductsInvoiceId !== undefined })),
      correctsDeposit,
      vatOnDebits: seller.vatOnDebits,
    });
    await writeJournalEntry(ctx.tx, entry, { invoiceId: draft.id });
    // An imported credit note settles the invoice it corrects exactly as an issued one does (status credited / paid).
    if (correctsInvoiceId !== undefined) await settleCorrectedInvoice(ctx.tx, correctsInvoiceId, new Date());
    await appendAudit(ctx.tx, {
      actor: ctx.actor,
      channel: "import",
      action: "invoice_imported",
      subjectType: "invoice",
      subjectId: inv.number,
      payloadDigest: actionDigest("invoice_imported", {
        number: inv.number,
        kind: inv.kind,
        issueDate: inv.issueDate,
        clientId: client.id,
        netAmount: toAmountString(totals.netAmount),
        vatAmount: toAmountString(totals.vatAmount),
        amountDue: toAmountString(totals.amountDue),
      }),
      details: { invoiceId: draft.id, kind: inv.kind, amountDue: toAmountString(totals.amountDue) },
    });
    imported.push({ seriesId, number: inv.number, issueDate: inv.issueDate });
    ctx.counts.invoices.created += 1;
  }
  return imported;
}
