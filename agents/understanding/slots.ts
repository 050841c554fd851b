import type { IsoDate } from "../../engine/dates/plainDate.js";
import { findAmounts, type AmountMatch } from "./amount.js";
import { findDayThresholds, type DayThresholdMatch } from "./dayThreshold.js";
import { findInvoiceNumbers, type InvoiceNumberMatch } from "./invoiceNumber.js";
import { findPercentages, type PercentageMatch } from "./percentage.js";
import { findPeriods, type PeriodMatch } from "./period.js";
import { findQuantities, type QuantityMatch } from "./quantity.js";
import { findDates, type DateMatch } from "./relativeDate.js";
import { maskSpans } from "./textSpan.js";

/** Every slot value found in one request, each kind in reading order. */
export interface Slots {
  readonly invoiceNumbers: readonly InvoiceNumberMatch[];
  readonly percentages: readonly PercentageMatch[];
  readonly quantities: readonly QuantityMatch[];
  readonly dates: readonly DateMatch[];
  readonly dayThresholds: readonly DayThresholdMatch[];
  readonly periods: readonly PeriodMatch[];
  /** Amounts written with a currency ("450 €", "3 k€"). */
  readonly amounts: readonly AmountMatch[];
  /** Amounts plus bare numbers that can only be amounts ("Acme a payé 16200"). */
  readonly amountsOrNumbers: readonly AmountMatch[];
}

/**
 * Finds the slots in a fixed order, masking each kind before the next so that a piece of text
 * is read once: invoice numbers, percentages, time worked, dates, day thresholds, periods, amounts.
 */
export function extractSlots(text: string, today: IsoDate): Slots {
  const invoiceNumbers = findInvoiceNumbers(text);
  let masked = maskSpans(text, invoiceNumbers);
  const percentages = findPercentages(masked);
  masked = maskSpans(masked, percentages);
  const quantities = findQuantities(masked);
  masked = maskSpans(masked, quantities);
  const dates = findDates(masked, today);
  masked = maskSpans(masked, dates);
  const dayThresholds = findDayThresholds(masked);
  masked = maskSpans(masked, dayThresholds);
  const periods = findPeriods(masked, today);
  masked = maskSpans(masked, periods);
  const amounts = findAmounts(masked);
  const amountsOrNumbers = findAmounts(masked, { allowBare: true });
  return { invoiceNumbers, percentages, quantities, dates, dayThresholds, periods, amounts, amountsOrNumbers };
}
