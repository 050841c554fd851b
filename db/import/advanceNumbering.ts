import { eq } from "drizzle-orm";
import { numberingSeries } from "../schema/numberingSeries.js";
import type { ImportContext } from "./importContext.js";
import type { ImportedNumber } from "./importHistoryInvoices.js";
import { counterOfNumber } from "./invoiceNumberCounter.js";

/**
 * After an import of issued invoices, moves each numbering series past them, so the next number
 * follows: the counter of the latest imported number written in the series' format (same period),
 * and the last issue date (chronology: the next invoice cannot be dated before an imported one).
 * A series never goes back.
 */
export async function advanceNumbering(ctx: ImportContext, imported: readonly ImportedNumber[]): Promise<void> {
  const seriesIds = [...new Set(imported.map((n) => n.seriesId))];
  for (const seriesId of seriesIds) {
    const [series] = await ctx.tx.select().from(numberingSeries).where(eq(numberingSeries.id, seriesId)).for("update");
    if (!series) continue;
    let { period, lastValue, lastNumber, lastIssueDate } = series;
    for (const n of imported.filter((x) => x.seriesId === seriesId)) {
      const parsed = counterOfNumber(series.format, n.number, n.issueDate);
      if (parsed) {
        const newerPeriod = period === null || parsed.period > period;
        if (newerPeriod || (parsed.period === period && parsed.counter > lastValue)) {
          period = parsed.period;
          lastValue = parsed.counter;
          lastNumber = n.number;
        }
      }
      if (lastIssueDate === null || n.issueDate > lastIssueDate) lastIssueDate = n.issueDate;
    }
    if (period !== series.period || lastValue !== series.lastValue || lastNumber !== series.lastNumber || lastIssueDate !== series.lastIssueDate) {
      await ctx.tx.update(numberingSeries).set({ period, lastValue, lastNumber, lastIssueDate }).where(eq(numberingSeries.id, seriesId));
    }
  }
}
