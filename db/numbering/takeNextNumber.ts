import { eq, type SQL, sql } from "drizzle-orm";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import { NotFoundError, RuleError } from "../../engine/errors.js";
import { formatInvoiceNumber, numberingPeriod } from "../../engine/numbering/invoiceNumber.js";
import type { Database } from "../database.js";
import { numberingSeries } from "../schema/numberingSeries.js";

type NumberingSeriesRow = typeof numberingSeries.$inferSelect;

/** Invoices and deposits share "F"; credit notes use "AV". */
export function seriesIdForKind(kind: "invoice" | "deposit" | "credit_note"): string {
  return kind === "credit_note" ? "AV" : "F";
}

/**
 * Refuses an issue date before the series' last one (numbers must stay chronological). Used by
 * `takeNextNumber` under the series lock, and by proposals to refuse early (without the lock).
 */
export function assertChronological(series: { readonly id: string; readonly lastIssueDate: IsoDate | null; readonly lastNumber: string | null }, issueDate: IsoDate): void {
  if (series.lastIssueDate && issueDate < series.lastIssueDate) {
    throw new RuleError(
      `la date d'émission ${formatDateShortFr(issueDate)} est antérieure à celle de la dernière facture de la série ${series.id} (${series.lastNumber}, ${formatDateShortFr(series.lastIssueDate)}) : la numérotation doit rester chronologique`,
      { field: "issueDate", code: "not_chronological" },
    );
  }
}

/** Checks, without locking, that a document of `seriesId` dated `issueDate` would be in chronological order now. */
export async function checkChronological(db: Database, seriesId: string, issueDate: IsoDate): Promise<void> {
  const [series] = await db.select().from(numberingSeries).where(eq(numberingSeries.id, seriesId));
  if (!series) throw new NotFoundError(`série de numérotation « ${seriesId} » introuvable`);
  assertChronological(series, issueDate);
}

/** The next number of a series for a document dated `issueDate`, and the series' values after it. */
export interface NextNumber {
  readonly seriesId: string;
  readonly number: string;
  readonly period: string;
  readonly value: number;
  readonly issueDate: IsoDate;
}

/**
 * The next number of `series` for a document dated `issueDate`, computed from the series row the
 * caller has locked FOR UPDATE (nothing is written: store it with `advanceSeries` in the same
 * transaction). Refuses an issue date before the series' last one.
 */
export function nextNumberOf(series: NumberingSeriesRow, issueDate: IsoDate): NextNumber {
  assertChronological(series, issueDate);
  const period = numberingPeriod(series.format, issueDate);
  const value = series.period === period ? series.lastValue + 1 : 1;
  return { seriesId: series.id, number: formatInvoiceNumber(series.format, issueDate, value), period, value, issueDate };
}

/** The statement that moves the series to `next` (an UPDATE usable alone or as a CTE). */
export function advanceSeries(next: NextNumber): SQL {
  return sql`update numbering_series set period = ${next.period}, last_value = ${next.value}, last_number = ${next.number}, last_issue_date = ${next.issueDate} where id = ${next.seriesId}`;
}

/**
 * Takes the next number of a series inside the caller's transaction. The series row is locked
 * FOR UPDATE until the transaction ends, so numbers are gapless (a rollback gives the number back)
 * and chronological (an issue date before the series' last one is refused).
 */
export async function takeNextNumber(tx: Database, seriesId: string, issueDate: IsoDate): Promise<string> {
  const [series] = await tx.select().from(numberingSeries).where(eq(numberingSeries.id, seriesId)).for("update");
  if (!series) throw new NotFoundError(`série de numérotation « ${seriesId} » introuvable`);
  const next = nextNumberOf(series, issueDate);
  await tx.execute(advanceSeries(next));
  return next.number;
}
