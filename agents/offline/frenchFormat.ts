import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toDecimal } from "../../engine/money/money.js";

/** "16 200,00 €" from a wire amount ("16200.00"). */
export const euros = (amount: string): string => formatEuros(toDecimal(amount));

/** "20/03/2026", or "—" when there is no date. */
export const shortDate = (date: string | null | undefined): string => (date ? formatDateShortFr(date) : "—");

/** "3 factures", "1 facture". */
export const plural = (count: number, word: string, pluralWord = `${word}s`): string => `${count} ${count > 1 ? pluralWord : word}`;
