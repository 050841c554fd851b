import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { InvoiceKind } from "../../engine/invoice/invoiceDocument.js";
import { Decimal, ZERO } from "../../engine/money/money.js";
import type { ScheduleInvoice } from "../../engine/schedule/scheduleInvoice.js";

/** A stored invoice line that bills a schedule item (drafts and issued invoices, cancelled ones excluded by the caller). */
export interface InvoicedItemLine {
  readonly invoiceId: number;
  readonly itemIndex: number;
  readonly net: Decimal;
}

/** The schedule-item lines of stored invoices (the caller leaves out cancelled ones), as `compareWithInvoiced` reads them. */
export function invoicedItemLines(invoices: readonly { readonly invoice: { readonly id: number }; readonly lines: readonly { readonly scheduleItemIndex: number | null; readonly net: Decimal }[] }[]): InvoicedItemLine[] {
  return invoices.flatMap((i) => i.lines.flatMap((l) => (l.scheduleItemIndex === null ? [] : [{ invoiceId: i.invoice.id, itemIndex: l.scheduleItemIndex, net: l.net }])));
}

export interface DueLine {
  readonly label: string;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly net: Decimal;
  readonly itemIndex: number;
}

/** A replay invoice (some of) whose lines no stored invoice bills yet. */
export interface DueInvoice {
  /** Its index in the replay's invoices. */
  readonly replayIndex: number;
  /** The date the schedule fired it (the trigger date). */
  readonly triggeredOn: IsoDate;
  readonly kind: InvoiceKind;
  readonly closing: boolean;
  /** The item lines still to invoice (a partly invoiced line keeps only its remainder). */
  readonly lines: readonly DueLine[];
  /** Replay indexes of the deposit invoices this closing invoice deducts. */
  readonly deducts: readonly number[];
}

export interface InvoicedComparison {
  readonly due: readonly DueInvoice[];
  /** For every replay invoice: the stored invoices whose lines bill it. */
  readonly coveredBy: ReadonlyMap<number, ReadonlySet<number>>;
}

interface Slot {
  readonly invoiceId: number;
  remaining: Decimal;
}

/**
 * What the schedule says should be invoiced by now (the replay's invoices, in date order) minus
 * what the stored invoices already bill, item by item: each replay line consumes, in order, the
 * stored lines of the same item and sign. What is left is due. So a milestone invoiced once
 * (draft or issued) is never due again, régie months already invoiced are not billed twice, and
 * a credit note without schedule item (a commercial gesture) does not re-open a milestone.
 */
export function compareWithInvoiced(replayInvoices: readonly ScheduleInvoice[], invoiced: readonly InvoicedItemLine[]): InvoicedComparison {
  const queues = new Map<string, Slot[]>();
  for (const line of invoiced) {
    if (line.net.isZero()) continue;
    const key = `${line.itemIndex}${line.net.isNegative() ? "-" : "+"}`;
    const queue = queues.get(key) ?? [];
    queue.push({ invoiceId: line.invoiceId, remaining: line.net.abs() });
    queues.set(key, queue);
  }
  const due: DueInvoice[] = [];
  const coveredBy = new Map<number, Set<number>>();
  replayInvoices.forEach((invoice, replayIndex) => {
    const covering = new Set<number>();
    const lines: DueLine[] = [];
    const deducts: number[] = [];
    for (const line of invoice.lines) {
      if (line.source.type === "deduction") {
        deducts.push(line.source.invoiceIndex);
        continue;
      }
      const itemIndex = line.source.itemIndex;
      const negative = line.net.isNegative();
      let pending = line.net.abs();
      for (const slot of queues.get(`${itemIndex}${negative ? "-" : "+"}`) ?? []) {
        if (pending.isZero()) break;
        if (slot.remaining.isZero()) continue;
        const take = Decimal.min(slot.remaining, pending);
        slot.remaining = slot.remaining.minus(take);
        pending = pending.minus(take);
        covering.add(slot.invoiceId);
      }
      if (pending.isZero()) continue;
      const net = negative ? pending.negated() : pending;
      lines.push(
        net.equals(line.net)
          ? { label: line.label, quantity: line.quantity, unitPrice: line.unitPrice, net, itemIndex }
          : { label: `${line.label} (reste à facturer)`, quantity: new Decimal(1), unitPrice: net, net, itemIndex },
      );
    }
    coveredBy.set(replayIndex, covering);
    if (lines.length > 0) {
      const net = lines.reduce<Decimal>((acc, l) => acc.plus(l.net), ZERO);
      const kind: InvoiceKind = net.isNegative() ? "credit_note" : invoice.kind === "credit_note" ? "invoice" : invoice.kind;
      due.push({ replayIndex, triggeredOn: invoice.date, kind, closing: invoice.closing, lines, deducts });
    }
  });
  return { due, coveredBy };
}
