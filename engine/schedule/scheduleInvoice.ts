import type { IsoDate } from "../dates/plainDate.js";
import type { InvoiceKind } from "../invoice/invoiceDocument.js";
import type { Decimal } from "../money/money.js";

/** Where an invoice line comes from: a schedule item (by index), or the deduction of an earlier deposit invoice. */
export type LineSource =
  | { readonly type: "item"; readonly itemIndex: number }
  | { readonly type: "deduction"; readonly invoiceIndex: number; readonly depositDate: IsoDate };

export interface ScheduleLine {
  readonly label: string;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  /** Rounded to the cent, half away from zero. Negative for deductions and progress going down. */
  readonly net: Decimal;
  readonly source: LineSource;
}

/** An invoice the schedule produces on one date (rule 4: all items fired that date, lines in schedule order). */
export interface ScheduleInvoice {
  readonly kind: InvoiceKind;
  readonly date: IsoDate;
  readonly dueDate: IsoDate;
  readonly lines: readonly ScheduleLine[];
  readonly netAmount: Decimal;
  readonly vatAmount: Decimal;
  readonly amountDue: Decimal;
  /** Schedule item indexes that fired on this invoice, ascending. */
  readonly itemIndexes: readonly number[];
  /** True when it holds a closing item (it closed the dossier). */
  readonly closing: boolean;
}

/** What happened to one schedule item over the replay. */
export interface ScheduleItemState {
  readonly index: number;
  /** Dates of the invoices holding a line of this item (one date for percent and amount items). */
  readonly firedOn: readonly IsoDate[];
  /** Sum of this item's line nets (deduction lines are not counted here). */
  readonly invoicedNet: Decimal;
  /** For a deductible item: the part of its invoices deducted later by a closing invoice. */
  readonly deductedNet: Decimal;
}

export interface ReplayResult {
  readonly invoices: readonly ScheduleInvoice[];
  readonly closed: boolean;
  readonly closedOn: IsoDate | undefined;
  readonly items: readonly ScheduleItemState[];
  /** The last date the replay covered (`until`, or the last event date). Undefined with no events. */
  readonly until: IsoDate | undefined;
}
