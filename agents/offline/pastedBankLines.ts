import { isIsoDate, type IsoDate } from "../../engine/dates/plainDate.js";
import { parseAmount } from "../understanding/amount.js";

/** A statement line pasted into the chat, in the shape `match_bank_statement` takes as `lines`. */
export interface PastedBankLine {
  readonly date: IsoDate;
  /** Decimal string, positive: a credit. */
  readonly amount: string;
  readonly label: string;
}

const LINE = /^\s*(?:-\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})\s*[;|\t]\s*([^;|\t]+?)\s*[;|\t]\s*(.+?)\s*$/;

/**
 * The statement lines pasted in a request, one per line, as a French bank exports them:
 * « 03/11/2026 ; 16 200,00 ; VIR ACME INDUSTRIES F-2026-0042 » (`;`, `|` or a tab between the
 * fields). Debits (a leading minus) and lines that are not a real date and amount are skipped.
 */
export function pastedBankLines(text: string): PastedBankLine[] {
  return text.split(/\r?\n/).flatMap((raw) => {
    const m = LINE.exec(raw);
    if (!m) return [];
    const [, day = "", month = "", year = "", amountText = "", label = ""] = m;
    const date = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
    if (!isIsoDate(date) || amountText.trim().startsWith("-")) return [];
    const amount = parseAmount(amountText);
    return amount === undefined ? [] : [{ date, amount, label }];
  });
}
