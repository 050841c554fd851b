import type { IsoDate } from "../dates/plainDate.js";
import { RuleError } from "../errors.js";
import { type Decimal, ZERO, sum, toAmountString } from "../money/money.js";

/**
 * The Fichier des écritures comptables (art. L47 A and A47 A-1 LPF): one line per ledger line,
 * the 18 columns in the order of the decree, tab-separated, a header line, dates YYYYMMDD and
 * amounts with a comma as decimal separator. Every entry must balance (Σ debit = Σ credit),
 * otherwise the export is refused: a FEC with an unbalanced entry would be rejected by the tax
 * administration's checks.
 */
export const FEC_COLUMNS = [
  "JournalCode",
  "JournalLib",
  "EcritureNum",
  "EcritureDate",
  "CompteNum",
  "CompteLib",
  "CompAuxNum",
  "CompAuxLib",
  "PieceRef",
  "PieceDate",
  "EcritureLib",
  "Debit",
  "Credit",
  "EcritureLet",
  "DateLet",
  "ValidDate",
  "Montantdevise",
  "Idevise",
] as const;

export interface FecLine {
  /** General account (CompteNum), e.g. "411", "706", "44571". */
  readonly account: string;
  readonly accountLabel: string;
  /** Auxiliary account (CompAuxNum), e.g. the client's account "C0001" on 411 lines. */
  readonly auxiliaryAccount?: string | undefined;
  readonly auxiliaryLabel?: string | undefined;
  /** Line label (EcritureLib); the entry's label when absent. */
  readonly label?: string | undefined;
  readonly debit: Decimal;
  readonly credit: Decimal;
  /** Lettering code and date (EcritureLet / DateLet), when the line is matched. */
  readonly lettering?: { readonly code: string; readonly date: IsoDate } | undefined;
}

export interface FecEntry {
  readonly journalCode: string;
  readonly journalLabel: string;
  /** EcritureNum: unique, sequential per journal. */
  readonly number: string;
  readonly date: IsoDate;
  /** PieceRef / PieceDate: the supporting document (invoice number, payment reference). */
  readonly pieceRef: string;
  readonly pieceDate: IsoDate;
  readonly label: string;
  /** ValidDate: when the entry was validated (made definitive). */
  readonly validationDate: IsoDate;
  readonly lines: readonly FecLine[];
}

/** "2026-03-20" → "20260320". */
export const fecDate = (date: IsoDate) => date.replaceAll("-", "");

/** "1234.50" → "1234,50": no thousands separator, comma decimals. */
export const fecAmount = (amount: Decimal) => toAmountString(amount).replace(".", ",");

/** Tabs and line breaks would break the file's structure; they become spaces. */
const field = (text: string | undefined) => (text ?? "").replace(/[\t\r\n]+/g, " ").trim();

/** Refuses entries that are unbalanced, have fewer than two lines, or a line with a negative or double-sided amount. */
export function checkFecEntry(entry: FecEntry): void {
  const where = `écriture ${entry.journalCode} ${entry.number} (${entry.pieceRef})`;
  if (entry.lines.length < 2) throw new RuleError(`${where} : une écriture compte au moins deux lignes`, { code: "fec_entry_invalid" });
  entry.lines.forEach((l, i) => {
    if (l.debit.isNegative() || l.credit.isNegative() || (!l.debit.isZero() && !l.credit.isZero()) || (l.debit.isZero() && l.credit.isZero()))
      throw new RuleError(`${where}, ligne ${i + 1} : un montant positif au débit ou au crédit, pas les deux`, { code: "fec_entry_invalid" });
  });
  const debit = sum(entry.lines.map((l) => l.debit));
  const credit = sum(entry.lines.map((l) => l.credit));
  if (!debit.equals(credit))
    throw new RuleError(`${where} : déséquilibrée (débit ${fecAmount(debit)}, crédit ${fecAmount(credit)})`, { code: "fec_unbalanced" });
}

/**
 * The FEC text: header line then one line per ledger line, entries in date order (ties keep the
 * given order), lines separated by CRLF. Throws RuleError on the first invalid entry; nothing is
 * produced then.
 */
export function buildFec(entries: readonly FecEntry[]): string {
  entries.forEach(checkFecEntry);
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i));
  const rows: string[] = [FEC_COLUMNS.join("\t")];
  for (const { e } of ordered) {
    for (const l of e.lines) {
      rows.push(
        [
          field(e.journalCode),
          field(e.journalLabel),
          field(e.number),
          fecDate(e.date),
          field(l.account),
          field(l.accountLabel),
          field(l.auxiliaryAccount),
          field(l.auxiliaryAccount ? l.auxiliaryLabel : undefined),
          field(e.pieceRef),
          fecDate(e.pieceDate),
          field(l.label ?? e.label),
          fecAmount(l.debit),
          fecAmount(l.credit),
          field(l.lettering?.code),
          l.lettering ? fecDate(l.lettering.date) : "",
          fecDate(e.validationDate),
          "",
          "",
        ].join("\t"),
      );
    }
  }
  return `${rows.join("\r\n")}\r\n`;
}

/** The name the administration expects: <SIREN>FEC<closing date YYYYMMDD>.txt. */
export function fecFileName(siren: string, closingDate: IsoDate): string {
  return `${siren}FEC${fecDate(closingDate)}.txt`;
}

/** Totals of a FEC's entries, for a summary line (Σ debit = Σ credit when the export succeeded). */
export function fecTotals(entries: readonly FecEntry[]): { lines: number; debit: Decimal; credit: Decimal } {
  const lines = entries.flatMap((e) => e.lines);
  return { lines: lines.length, debit: lines.reduce((a, l) => a.plus(l.debit), ZERO), credit: lines.reduce((a, l) => a.plus(l.credit), ZERO) };
}
