import type { DraftLineInput } from "../../db/repositories/invoiceDrafts.js";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import type { InvoiceKind, UnitCode } from "../../engine/invoice/invoiceDocument.js";
import { Decimal } from "../../engine/money/money.js";
import type { Contract } from "../../engine/scenario/contract.js";
import { computeTotals, type InvoiceTotals } from "../../engine/vat/vatBreakdown.js";
import { VatExemptionSchema, VatRateSchema } from "../../engine/vat/vatRate.js";
import type { LoadedContract } from "./projectContracts.js";
import { compareWithInvoiced, type DueLine, invoicedItemLines } from "./unbilledInvoices.js";

/** One invoice the schedule says is due and nothing bills yet: ready to become a draft, or blocked (French reason). */
export interface PlannedInvoice {
  readonly contractId: number;
  readonly contractName: string;
  readonly triggeredOn: IsoDate;
  readonly kind: InvoiceKind;
  readonly closing: boolean;
  readonly lines: readonly DraftLineInput[];
  readonly totals: InvoiceTotals;
  readonly correctsInvoiceId?: number | undefined;
  readonly correctionReason?: string | undefined;
  readonly blocked?: string | undefined;
}

const ONE = new Decimal(1);

/** The unit of a line: hours / days for detailed realized work priced by the hour / day, units otherwise. */
function unitOf(contract: Contract, line: DueLine): UnitCode {
  if (contract.schedule[line.itemIndex]?.bill.realized !== "detailed") return "C62";
  const toCode = (unit: string): UnitCode => (unit === "hour" ? "HUR" : unit === "day" ? "DAY" : "C62");
  const { pricing } = contract;
  if (pricing.type === "rate") return toCode(pricing.unit);
  if (pricing.type === "per_action") {
    const name = line.label.includes(" : ") ? line.label.slice(line.label.lastIndexOf(" : ") + 3) : line.label;
    const action = pricing.actions.find((a) => a.name === name);
    return action ? toCode(action.unit) : "C62";
  }
  return "C62";
}

/**
 * The invoices a contract's schedule makes due up to the replay date, minus what its stored
 * invoices (drafts included) already bill; each with its draft lines: item lines, then on a
 * closing invoice one deduction line per ISSUED deposit invoice. A closing invoice whose deposit
 * is not issued yet, or a decrease of progress with no invoice to correct, is blocked.
 */
export function planDueInvoices(loaded: LoadedContract): PlannedInvoice[] {
  const live = loaded.invoices.filter((i) => i.invoice.status !== "cancelled");
  const invoicedLines = invoicedItemLines(live);
  const byId = new Map(live.map((i) => [i.invoice.id, i]));
  const alreadyDeducted = new Set(live.flatMap((i) => i.lines.flatMap((l) => (l.deductsInvoiceId === null ? [] : [l.deductsInvoiceId]))));
  const vatRate = VatRateSchema.parse(loaded.row.vatRate);
  const vatExemption = loaded.row.vatExemption === null ? undefined : VatExemptionSchema.parse(loaded.row.vatExemption);
  const { due, coveredBy } = compareWithInvoiced(loaded.replay.invoices, invoicedLines);

  return due.map((d): PlannedInvoice => {
    const lines: DraftLineInput[] = d.lines.map((l) => ({
      label: l.label,
      quantity: l.quantity,
      unitCode: unitOf(loaded.contract, l),
      unitPrice: l.unitPrice,
      net: l.net,
      vatRate,
      vatExemption,
      scheduleItemIndex: l.itemIndex,
    }));
    let blocked: string | undefined;
    for (const k of d.deducts) {
      const depositDate = loaded.replay.invoices[k]?.date ?? d.triggeredOn;
      const covering = [...(coveredBy.get(k) ?? [])].map((id) => byId.get(id)).filter((i) => i !== undefined);
      if (covering.length === 0 || covering.some((i) => i.invoice.status === "draft")) {
        blocked = `l'acompte déclenché le ${formatDateShortFr(depositDate)} doit d'abord être facturé et émis : il sera déduit du solde`;
        continue;
      }
      for (const deposit of covering) {
        if (deposit.invoice.kind !== "deposit" || alreadyDeducted.has(deposit.invoice.id)) continue;
        const net = deposit.invoice.netAmount.negated();
        lines.push({
          label: `Déduction de l'acompte ${deposit.invoice.number ?? ""} du ${formatDateShortFr(deposit.invoice.issueDate ?? depositDate)}`,
          quantity: ONE,
          unitPrice: net,
          net,
          vatRate,
          vatExemption,
          deductsInvoiceId: deposit.invoice.id,
        });
      }
    }
    let correctsInvoiceId: number | undefined;
    let correctionReason: string | undefined;
    if (d.kind === "credit_note") {
      const items = new Set(d.lines.map((l) => l.itemIndex));
      const corrected = [...live]
        .reverse()
        .find((i) => i.invoice.kind !== "credit_note" && i.invoice.status !== "draft" && i.lines.some((l) => l.scheduleItemIndex !== null && items.has(l.scheduleItemIndex)));
      if (corrected) {
        correctsInvoiceId = corrected.invoice.id;
        correctionReason = "Baisse de l'avancement des lots";
      } else {
        blocked = "l'avancement a baissé mais aucune facture émise ne porte ces lots : rien à corriger par un avoir";
      }
    }
    return {
      contractId: loaded.row.id,
      contractName: loaded.row.name,
      triggeredOn: d.triggeredOn,
      kind: d.kind,
      closing: d.closing,
      lines,
      totals: computeTotals(lines),
      correctsInvoiceId,
      correctionReason,
      blocked,
    };
  });
}
